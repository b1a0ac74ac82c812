package org.p2gate.mbus.security;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-128 through JCE (FIPS 197), without padding: the block operations the modes of this
 * package are built on.
 *
 * <p>A {@link Cipher} is not thread-safe, and {@link Cipher#getInstance} per call measured about
 * 6 KB and 3.5 µs per frame on Java 17 (provider look-up, new cipher objects), three times the
 * 2 KB budget. So each thread keeps one Cipher per transformation in a {@link ThreadLocal}. This
 * is a cache, not state: every call fully re-initialises the Cipher with its own key and IV before
 * use and leaves nothing behind that a later call could observe. The cached objects are JDK
 * classes only, so they do not pin this bundle's class loader to a long-lived link thread.
 */
final class Aes {

    static final int BLOCK = 16;

    private static final ThreadLocal<Cipher> CBC = ThreadLocal.withInitial(() -> cipher("AES/CBC/NoPadding"));
    private static final ThreadLocal<Cipher> ECB = ThreadLocal.withInitial(() -> cipher("AES/ECB/NoPadding"));

    private Aes() {}

    /** CBC encryption of {@code len} (a multiple of 16) bytes, in place allowed. */
    static void cbcEncrypt(AesKey key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            Cipher cipher = CBC.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new IvParameterSpec(iv));
            cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC encryption failed in the Java runtime", e);
        }
    }

    /**
     * CBC decryption of {@code len} (a multiple of 16) bytes into {@code out}, which must not overlap {@code in}:
     * each block through AES-ECB, then XOR with the previous ciphertext block (the IV for the first, FIPS SP
     * 800-38A §6.2). The thread's ECB cipher stays initialised with the last key it was given, so a run of frames
     * of one meter initialises it once (a Cipher.init with an IV per frame was a third of a mode-15 decode).
     */
    static void cbcDecrypt(AesKey key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        KeyedEcb ecb = ECB_DECRYPT.get();
        ecb.decrypt(key, in, inOff, len, out, outOff);
        // eight bytes a step (len is a multiple of 16)
        for (int i = 0; i < len; i += Long.BYTES) {
            long chain = i < BLOCK ? (long) LONGS.get(iv, i) : (long) LONGS.get(in, inOff + i - BLOCK);
            LONGS.set(out, outOff + i, (long) LONGS.get(out, outOff + i) ^ chain);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final ThreadLocal<KeyedEcb> ECB_DECRYPT = ThreadLocal.withInitial(KeyedEcb::new);

    /** An AES-ECB decryption cipher and the key it is initialised with (a cache, as the class comment says). */
    private static final class KeyedEcb {
        private final Cipher cipher = cipher("AES/ECB/NoPadding");
        private AesKey key;

        void decrypt(AesKey with, byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
            if (!with.equals(key)) {
                key = null;
                cipher.init(Cipher.DECRYPT_MODE, with.spec());
                key = with;
            }
            try {
                cipher.doFinal(in, inOff, len, out, outOff); // ECB without padding: ready for the next call, same key
            } catch (GeneralSecurityException | RuntimeException e) {
                key = null; // initialise again next time
                throw e;
            }
        }
    }

    /** ECB encryption of one block. */
    static byte[] ecbEncrypt(AesKey key, byte[] in, int inOff) {
        return ecb(Cipher.ENCRYPT_MODE, key, in, inOff);
    }

    /** ECB decryption of one block. */
    static byte[] ecbDecrypt(AesKey key, byte[] in, int inOff) {
        return ecb(Cipher.DECRYPT_MODE, key, in, inOff);
    }

    private static byte[] ecb(int mode, AesKey key, byte[] in, int inOff) {
        try {
            Cipher cipher = ECB.get();
            cipher.init(mode, key.spec());
            return cipher.doFinal(in, inOff, BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-ECB failed in the Java runtime", e);
        }
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " is not available from the Java runtime", e);
        }
    }
}
