package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AesKeyTest {

    private static final String USER_KEY_HEX = "000102030405060708090A0B0C0D0E0F";

    /** The ways a key's bytes could show up in a string. */
    static void assertShowsNoKeyBytes(byte[] key, String text) {
        String hex = Vectors.hex(key);
        assertFalse(text.toUpperCase(Locale.ROOT).contains(hex), "upper or lower case hex of the key");
        assertFalse(text.contains(Arrays.toString(key)), "Arrays.toString of the key");
        // any 4 consecutive key bytes in hex would already be a leak
        for (int i = 0; i + 4 <= key.length; i++) {
            String part = hex.substring(2 * i, 2 * i + 8);
            assertFalse(text.toUpperCase(Locale.ROOT).contains(part), "key bytes " + i + ".." + (i + 3));
        }
    }

    @Test
    void toStringNeverShowsTheKeyBytes() {
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            AesKey key = AesKey.of(bytes);
            assertEquals("AesKey[128-bit, ****]", key.toString());
            assertShowsNoKeyBytes(bytes, key.toString());
        }
        assertShowsNoKeyBytes(Vectors.HEX.parseHex(USER_KEY_HEX), AesKey.fromHex(USER_KEY_HEX).toString());
    }

    @Test
    void hashCodeIsTheSameForEveryKeySoNoFingerprintEscapes() {
        assertEquals(AesKey.fromHex(USER_KEY_HEX).hashCode(), AesKey.fromHex("00112233445566778899AABBCCDDEEFF").hashCode());
    }

    @Test
    void allZeroUserKeyMeansNoEncryption() {
        // P2 4.2.2 §6.5.1: sixteen 00h = no user key defined
        assertTrue(AesKey.ZERO.isZero());
        assertTrue(AesKey.of(new byte[16]).isZero());
        assertTrue(AesKey.fromHex("00000000000000000000000000000000").isZero());
        byte[] lastBitSet = new byte[16];
        lastBitSet[15] = 1;
        assertFalse(AesKey.of(lastBitSet).isZero());
        assertFalse(AesKey.fromHex(USER_KEY_HEX).isZero());
        assertEquals("AesKey[128-bit, zero: no encryption]", AesKey.ZERO.toString());
    }

    @Test
    void equalKeysAreEqualWhetherFromBytesOrHexInEitherCase() {
        AesKey upper = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
        AesKey lower = AesKey.fromHex("00112233445566778899aabbccddeeff");
        AesKey bytes = AesKey.of(Vectors.HEX.parseHex("00112233445566778899AABBCCDDEEFF"));
        assertEquals(upper, lower);
        assertEquals(upper, bytes);
        assertNotEquals(upper, AesKey.fromHex("00112233445566778899AABBCCDDEEFE"));
        assertNotEquals(upper, AesKey.ZERO);
        assertNotEquals(upper, "00112233445566778899AABBCCDDEEFF");
    }

    @Test
    void keyBytesAreCopiedInAndOut() {
        byte[] bytes = Vectors.HEX.parseHex(USER_KEY_HEX);
        AesKey key = AesKey.of(bytes);
        bytes[0] = 0x55;
        byte[] exported = key.exportBytes();
        assertArrayEquals(Vectors.HEX.parseHex(USER_KEY_HEX), exported);
        exported[1] = 0x55;
        assertArrayEquals(Vectors.HEX.parseHex(USER_KEY_HEX), key.exportBytes());
        assertNotSame(key.exportBytes(), key.exportBytes());
    }

    @Test
    void keyFromAnOffsetInALargerArray() {
        byte[] record = Vectors.HEX.parseHex("AAAA" + USER_KEY_HEX + "BB");
        assertEquals(AesKey.fromHex(USER_KEY_HEX), AesKey.of(record, 2));
        assertThrows(IllegalArgumentException.class, () -> AesKey.of(record, 4));
        assertThrows(IllegalArgumentException.class, () -> AesKey.of(record, -1));
    }

    @Test
    void anAes128KeyHasSixteenBytes() {
        assertThrows(IllegalArgumentException.class, () -> AesKey.of(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> AesKey.of(new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> AesKey.fromHex("000102"));
    }

    @Test
    void malformedHexIsRejectedWithoutEchoingTheInput() {
        String almostKey = "000102030405060708090A0B0C0D0EXF";
        var e = assertThrows(IllegalArgumentException.class, () -> AesKey.fromHex(almostKey));
        assertTrue(e.getMessage().contains("character 30"), e.getMessage());
        assertFalse(e.getMessage().contains("0102030405"), "the message must not repeat the key");
        assertFalse(e.toString().contains("0102030405"));
    }
}
