package org.p2gate.mbus.security;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-128 through JCE (FIPS 197), without padding: the block operations the modes of this
 * package are built on.
 *
 * <p>A {@link Cipher} is not thread-safe, so each call takes a fresh one from
 * {@link Cipher#getInstance}: measured at a few hundred nanoseconds and well under 1 KB per call
 * on Java 17 (see {@code AesAllocationTest}), which keeps a frame within the 2 KB budget without
 * a {@code ThreadLocal} (which would be static mutable state and would pin Cipher objects to the
 * long-lived link threads of an OSGi framework).
 */
final class Aes {

    static final int BLOCK = 16;

    private static final String CBC = "AES/CBC/NoPadding";
    private static final String ECB = "AES/ECB/NoPadding";

    private Aes() {}

    /** CBC encryption of {@code len} (a multiple of 16) bytes, in place allowed. */
    static void cbcEncrypt(AesKey key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            Cipher cipher = Cipher.getInstance(CBC);
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new IvParameterSpec(iv));
            cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is not available from the Java runtime", e);
        }
    }

    /** CBC decryption of {@code len} (a multiple of 16) bytes. */
    static void cbcDecrypt(AesKey key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CBC);
        cipher.init(Cipher.DECRYPT_MODE, key.spec(), new IvParameterSpec(iv));
        cipher.doFinal(in, inOff, len, out, outOff);
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
            Cipher cipher = Cipher.getInstance(ECB);
            cipher.init(mode, key.spec());
            return cipher.doFinal(in, inOff, BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-ECB is not available from the Java runtime", e);
        }
    }
}
