package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.p2gate.mbus.security.Vectors.bytes;
import static org.p2gate.mbus.security.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class Mode7CipherTest {

    static Stream<JsonNode> encryptVectors() {
        return TestVectors.verified("mode7-encrypt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptVectors")
    void annexNProfileBCiphertextIsReproducedWithAnAllZeroIv(JsonNode vector) throws DecodeException {
        // OMS Annex N.2.3: mode 7 uses an all-zero IV (Kenc changes with every message counter)
        assertArrayEquals(bytes(vector, "/inputs/iv"), Mode7Cipher.initializationVector());
        assertArrayEquals(new byte[16], Mode7Cipher.initializationVector());
        AesKey kenc = AesKey.of(bytes(vector, "/inputs/key_kenc"));
        byte[] plaintext = bytes(vector, "/inputs/plaintext");
        byte[] records = Vectors.recordsOf(plaintext);
        byte[] ciphertext = Mode7Cipher.encrypt(kenc, records, 0, records.length);
        assertEquals(vector.at("/expected/ciphertext").asText(), hex(ciphertext));
        // the part of the ciphertext the OCR left legible in the document
        String legible = vector.at("/expected/ciphertext_legible_in_document").asText();
        assertEquals(legible, hex(ciphertext).substring(0, legible.length()));
        assertArrayEquals(plaintext, Mode7Cipher.decrypt(kenc, ciphertext, 0, ciphertext.length));
    }

    @Test
    void randomRoundTripsAndWrongKeyIsBadFiller() throws DecodeException {
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            byte[] keyBytes = new byte[16];
            random.nextBytes(keyBytes);
            AesKey kenc = AesKey.of(keyBytes);
            byte[] records = new byte[random.nextInt(200)];
            random.nextBytes(records);
            byte[] ciphertext = Mode7Cipher.encrypt(kenc, records, 0, records.length);
            assertEquals(((2 + records.length + 15) / 16) * 16, ciphertext.length);
            byte[] plain = Mode7Cipher.decrypt(kenc, ciphertext, 0, ciphertext.length);
            assertArrayEquals(records, Arrays.copyOfRange(plain, 2, 2 + records.length));
            keyBytes[15] ^= 0x01;
            AesKey wrong = AesKey.of(keyBytes);
            var e = assertThrows(DecodeException.class, () -> Mode7Cipher.decrypt(wrong, ciphertext, 0, ciphertext.length));
            assertEquals(Reason.BAD_FILLER, e.reason());
        }
    }

    @Test
    void notAMultipleOf16IsDecryptionFailed() {
        var e = assertThrows(DecodeException.class, () -> Mode7Cipher.decrypt(AesKey.ZERO, new byte[40], 0, 40));
        assertEquals(Reason.DECRYPTION_FAILED, e.reason());
        assertEquals(32, e.offset());
    }
}
