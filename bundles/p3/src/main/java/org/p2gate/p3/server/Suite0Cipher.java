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

    Suite0Cipher(AesKey blockCipherKey, AesKey authenticationKey) {
        this.blockCipherKey = new SecretKeySpec(blockCipherKey.exportBytes(), "AES");
        this.authenticationKey = authenticationKey.exportBytes();
    }

    /**
     * The plaintext of {@code apdu} sent by the party with system title {@code senderTitle}, or empty
     * when its tag does not verify (wrong key, wrong title, altered bytes).
     */
    Optional<byte[]> open(CipheredApdu apdu, byte[] senderTitle) {
        // Green Book 9.2.7.2.4.2: IV = system title (8) || invocation counter (4); AAD = SC || AK
        byte[] iv = new byte[12];
        System.arraycopy(senderTitle, 0, iv, 0, 8);
        long ic = apdu.invocationCounter();
        iv[8] = (byte) (ic >>> 24);
        iv[9] = (byte) (ic >>> 16);
        iv[10] = (byte) (ic >>> 8);
        iv[11] = (byte) ic;
        byte[] aad = new byte[1 + authenticationKey.length];
        aad[0] = (byte) apdu.securityControl();
        System.arraycopy(authenticationKey, 0, aad, 1, authenticationKey.length);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, blockCipherKey, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(aad);
            return Optional.of(gcm.doFinal(apdu.protectedBytes()));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            // too short for a tag, or the JCE lacks AES/GCM (which every Java 17 has)
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Suite0Cipher[AES-GCM-128, keys ****]";
    }
}
