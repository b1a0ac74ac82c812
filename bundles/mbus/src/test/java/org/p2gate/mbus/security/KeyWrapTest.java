package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.p2gate.mbus.security.Vectors.bytes;
import static org.p2gate.mbus.security.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.p2gate.testing.TestVectors;

class KeyWrapTest {

    static Stream<JsonNode> vectors() {
        return TestVectors.verified("aes-ecb-keywrap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void userKeyIsAesEcbEncryptedWithTheDefaultKey(JsonNode vector) {
        AesKey defaultKey = AesKey.of(bytes(vector, "/inputs/default_key"));
        AesKey userKey = AesKey.of(bytes(vector, "/inputs/user_key"));
        byte[] wrapped = KeyWrap.wrap(defaultKey, userKey);
        assertEquals(vector.at("/expected/encrypted_user_key").asText(), hex(wrapped));
        assertEquals(userKey, KeyWrap.unwrap(defaultKey, wrapped));
    }

    @Test
    void randomKeysUnwrapToThemselvesAndNotUnderAnotherDefaultKey() {
        Random random = new Random(11);
        for (int n = 0; n < 200; n++) {
            byte[] d = new byte[16];
            byte[] u = new byte[16];
            random.nextBytes(d);
            random.nextBytes(u);
            AesKey defaultKey = AesKey.of(d);
            AesKey userKey = AesKey.of(u);
            byte[] wrapped = KeyWrap.wrap(defaultKey, userKey);
            assertEquals(userKey, KeyWrap.unwrap(defaultKey, wrapped));
            d[3] ^= 0x10;
            assertNotEquals(userKey, KeyWrap.unwrap(AesKey.of(d), wrapped));
        }
    }

    @Test
    void theZeroUserKeyIsWrappedLikeAnyOther() {
        // P2 §6.5.1: setting the user key to zero ("no encryption") also goes through the default key
        AesKey defaultKey = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
        byte[] wrapped = KeyWrap.wrap(defaultKey, AesKey.ZERO);
        assertNotEquals(hex(new byte[16]), hex(wrapped));
        assertEquals(AesKey.ZERO, KeyWrap.unwrap(defaultKey, wrapped));
    }

    @Test
    void aWrappedKeyHasSixteenBytes() {
        assertThrows(IllegalArgumentException.class, () -> KeyWrap.unwrap(AesKey.ZERO, new byte[15]));
    }
}
