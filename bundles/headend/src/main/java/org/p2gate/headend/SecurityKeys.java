package org.p2gate.headend;

import java.util.HexFormat;
import java.util.Objects;
import org.p2gate.mbus.security.AesKey;

/**
 * What the management client needs for HLS 5 (GMAC), security suite 0 (DLMS Green Book 9.2.7):
 * its own 8-byte system title, the global authentication key (AK) and the global unicast
 * encryption key (block cipher key, EK). The keys never print (they are {@link AesKey}s).
 */
public record SecurityKeys(byte[] clientSystemTitle, AesKey authenticationKey, AesKey blockCipherKey) {

    /** The length of a DLMS system title (Green Book 4.3.4: 3 bytes manufacturer, 5 bytes serial). */
    public static final int SYSTEM_TITLE_LENGTH = 8;

    public SecurityKeys {
        Objects.requireNonNull(clientSystemTitle, "clientSystemTitle");
        Objects.requireNonNull(authenticationKey, "authenticationKey");
        Objects.requireNonNull(blockCipherKey, "blockCipherKey");
        if (clientSystemTitle.length != SYSTEM_TITLE_LENGTH) {
            throw new IllegalArgumentException("a client system title has 8 bytes (16 hex digits), got "
                    + clientSystemTitle.length);
        }
        clientSystemTitle = clientSystemTitle.clone();
    }

    /** A copy of the client system title. */
    @Override
    public byte[] clientSystemTitle() {
        return clientSystemTitle.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecurityKeys k && java.util.Arrays.equals(clientSystemTitle, k.clientSystemTitle)
                && authenticationKey.equals(k.authenticationKey) && blockCipherKey.equals(k.blockCipherKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(clientSystemTitle);
    }

    /** The system title (not secret) and the keys as {@code ****}. */
    @Override
    public String toString() {
        return "SecurityKeys[clientSystemTitle=" + HexFormat.of().withUpperCase().formatHex(clientSystemTitle)
                + ", authenticationKey=" + authenticationKey + ", blockCipherKey=" + blockCipherKey + "]";
    }
}
