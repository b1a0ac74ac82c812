package org.p2gate.kura.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The P3 keys as Kura hands them over: its ciphertext of a password property, decrypted by its CryptoService. */
class KuraSecretDecoderTest {

    private static final String KEY = "000102030405060708090A0B0C0D0E0F";

    private final Base64CryptoService crypto = new Base64CryptoService();
    private final KuraSecretDecoder decoder = new KuraSecretDecoder(crypto);

    @Test
    void aPasswordPropertyIsDecryptedByKura() {
        String stored = new String(crypto.encryptAes(KEY.toCharArray()));

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
