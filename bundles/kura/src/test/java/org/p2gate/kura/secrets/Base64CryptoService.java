package org.p2gate.kura.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * A stand-in for Kura's CryptoService with all 13 methods of Kura 5.4.1's interface (so the test compiles against
 * Kura's real shape): "enc:" + base64 as its "encryption"; anything else is refused as Kura refuses what it did not
 * encrypt. Kura's own AES-GCM form is exercised by features/runtime KuraContractIT.
 */
final class Base64CryptoService implements CryptoService {

    private static final String PREFIX = "enc:";

    @Override
    public char[] encryptAes(char[] value) {
        return (PREFIX + Base64.getEncoder().encodeToString(new String(value).getBytes(StandardCharsets.UTF_8)))
                .toCharArray();
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        String stored = new String(encryptedValue);
        if (!stored.startsWith(PREFIX)) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value");
        }
        try {
            return new String(Base64.getDecoder().decode(stored.substring(PREFIX.length())), StandardCharsets.UTF_8)
                    .toCharArray();
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, e, "value");
        }
    }

    @Override
    @Deprecated
    public String encryptAes(String value) {
        return new String(encryptAes(value.toCharArray()));
    }

    @Override
    @Deprecated
    public String decryptAes(String encryptedValue) {
        throw new UnsupportedOperationException("the adapter calls decryptAes(char[]) only");
    }

    @Override
    public String hash(String s, String algorithm) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    public String encodeBase64(String stringValue) {
        return Base64.getEncoder().encodeToString(stringValue.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decodeBase64(String encodedValue) {
        return new String(Base64.getDecoder().decode(encodedValue), StandardCharsets.UTF_8);
    }

    @Override
    public char[] getKeyStorePassword(String keyStorePath) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    public void setKeyStorePassword(String keyStorePath, char[] password) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    @Deprecated
    public void setKeyStorePassword(String keyStorePath, String password) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    public boolean isFrameworkSecure() {
        return false;
    }
}
