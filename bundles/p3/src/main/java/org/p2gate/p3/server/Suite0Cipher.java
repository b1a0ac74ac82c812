package org.p2gate.p3.server;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.p2gate.mbus.security.AesKey;

/**
 * Security suite 0 (DLMS Green Book 9.2.3.3: AES-GCM-128, 96-bit tag) as the server's own check of
 * what a management client sends, independent of Gurux: an APDU is believed only once its tag
 * verified under the configured keys. Holds the keys in JCE form; prints nothing of them.
 */
final class Suite0Cipher {

    /** Green Book 9.2.7.2.4.2: the authentication tag is 12 bytes. */
    private static final int TAG_BITS = 96;

    private final SecretKeySpec blockCipherKey;
    private final byte[] authenticationKey;
    /** One JCE cipher per connection thread: looking the provider up for every APDU costs as much as the GCM itself. */
    private final ThreadLocal<Cipher> gcm = ThreadLocal.withInitial(Suite0Cipher::newGcm);
    private final ThreadLocal<Cipher> sealing = ThreadLocal.withInitial(Suite0Cipher::newGcm);

    Suite0Cipher(AesKey blockCipherKey, AesKey authenticationKey) {
        this.blockCipherKey = new SecretKeySpec(blockCipherKey.exportBytes(), "AES");
        this.authenticationKey = authenticationKey.exportBytes();
    }

    /**
     * The plaintext of {@code apdu} sent by the party with system title {@code senderTitle}, or empty
     * when its tag does not verify (wrong key, wrong title, altered bytes).
     */
    Optional<byte[]> open(CipheredApdu apdu, byte[] senderTitle) {
        try {
            Cipher cipher = gcm.get();
            cipher.init(Cipher.DECRYPT_MODE, blockCipherKey, new GCMParameterSpec(TAG_BITS, iv(senderTitle,
                    apdu.invocationCounter())));
            cipher.updateAAD(aad(apdu.securityControl()));
            return Optional.of(cipher.doFinal(apdu.protectedBytes()));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            // too short for a tag
            return Optional.empty();
        }
    }

    /**
     * {@code plaintext} authenticated and encrypted by the party with system title {@code senderTitle}
     * under invocation counter {@code counter}: security header (SC 30h, counter), ciphertext, tag.
     */
    byte[] seal(byte[] plaintext, byte[] senderTitle, long counter) {
        try {
            Cipher cipher = sealing.get();
            cipher.init(Cipher.ENCRYPT_MODE, blockCipherKey, new GCMParameterSpec(TAG_BITS, iv(senderTitle, counter)));
            cipher.updateAAD(aad(CipheredApdu.AUTHENTICATED_ENCRYPTED_SUITE_0));
            byte[] sealed = new byte[5 + cipher.getOutputSize(plaintext.length)];
            sealed[0] = (byte) CipheredApdu.AUTHENTICATED_ENCRYPTED_SUITE_0;
            putCounter(sealed, 1, counter);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, 5);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    // Green Book 9.2.7.2.4.2: IV = system title (8) || invocation counter (4)
    private static byte[] iv(byte[] title, long counter) {
        byte[] iv = new byte[12];
        System.arraycopy(title, 0, iv, 0, 8);
        putCounter(iv, 8, counter);
        return iv;
    }

    private static void putCounter(byte[] into, int at, long counter) {
        into[at] = (byte) (counter >>> 24);
        into[at + 1] = (byte) (counter >>> 16);
        into[at + 2] = (byte) (counter >>> 8);
        into[at + 3] = (byte) counter;
    }

    // Green Book 9.2.7.2.4.2: AAD = SC || AK (authenticated and encrypted)
    private byte[] aad(int securityControl) {
        byte[] aad = new byte[1 + authenticationKey.length];
        aad[0] = (byte) securityControl;
        System.arraycopy(authenticationKey, 0, aad, 1, authenticationKey.length);
        return aad;
    }

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JCE lacks AES/GCM, which every Java 17 has", e);
        }
    }

    @Override
    public String toString() {
        return "Suite0Cipher[AES-GCM-128, keys ****]";
    }
}
