package org.p2gate.kura.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.Test;

/** The P3 keys as Kura hands them over: its ciphertext of a password property, decrypted by its CryptoService. */
class KuraSecretDecoderTest {

    private static final String KEY = "000102030405060708090A0B0C0D0E0F";

    /** A stand-in for Kura's CryptoService: base64 as its "encryption", anything else refused. */
    private final KuraSecretDecoder decoder = new KuraSecretDecoder(encrypted -> {
        try {
            return new String(Base64.getDecoder().decode(new String(encrypted)), StandardCharsets.US_ASCII).toCharArray();
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR);
        }
    });

    @Test
    void aPasswordPropertyIsDecryptedByKura() {
        String stored = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.US_ASCII));

        assertEquals(KEY, decoder.decode(stored));
    }

    @Test
    void aKeyInHexIsTakenAsItIs() {
        assertEquals(KEY, decoder.decode(KEY));
        assertEquals("", decoder.decode(""));
    }

    @Test
    void aValueKuraCannotDecryptIsRefusedWithoutTheValueInTheMessage() {
        String garbage = "not*base64*at*all";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.decode(garbage));

        assertFalse(e.getMessage().contains(garbage), e.getMessage());
    }
}
