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
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

class Mode5CipherTest {

    static Stream<JsonNode> ivVectors() {
        return TestVectors.verified("iv-mode5");
    }

    static Stream<JsonNode> encryptVectors() {
        return TestVectors.verified("mode5-encrypt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ivVectors")
    void ivIsManufacturerIdentVersionDeviceTypeThenAccessNumberEightTimes(JsonNode vector) throws DecodeException {
        byte[] ident = bytes(vector, "/inputs/ident_wire");
        ShortId meter = new ShortId((int) org.p2gate.mbus.wire.LittleEndian.readU32(ident, 0),
                ManufacturerCode.of(vector.at("/inputs/manufacturer").asText()),
                Integer.parseInt(vector.at("/inputs/version").asText(), 16),
                new DeviceType(Integer.parseInt(vector.at("/inputs/device_type").asText(), 16)));
        int accessNumber = Integer.parseInt(vector.at("/inputs/access_number").asText(), 16);
        assertEquals(vector.at("/expected/iv").asText(), hex(Mode5Cipher.initializationVector(meter, accessNumber)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptVectors")
    void annexNProfileACiphertextIsReproducedAndDecryptsBack(JsonNode vector) throws DecodeException {
        byte[] iv = bytes(vector, "/inputs/iv");
        ShortId meter = ShortId.fromLinkAddress(iv, 0);
        int accessNumber = iv[8] & 0xFF;
        assertArrayEquals(iv, Mode5Cipher.initializationVector(meter, accessNumber), "the IV is M A ACC x 8");
        AesKey key = AesKey.of(bytes(vector, "/inputs/key"));
        byte[] plaintext = bytes(vector, "/inputs/plaintext");
        byte[] ciphertext = Mode5Cipher.encrypt(key, meter, accessNumber, Vectors.recordsOf(plaintext), 0,
                Vectors.recordsOf(plaintext).length);
        assertEquals(vector.at("/expected/ciphertext").asText(), hex(ciphertext));
        assertArrayEquals(plaintext, Mode5Cipher.decrypt(key, meter, accessNumber, ciphertext, 0, ciphertext.length));
    }

    @Test
    void mode5PadsOnlyToTheNextBlock() {
        ShortId meter = new ShortId(0x12345678, ManufacturerCode.of("ELS"), 0x33, DeviceType.GAS);
        AesKey key = AesKey.fromHex("0102030405060708090A0B0C0D0E0F11");
        assertEquals(16, Mode5Cipher.encrypt(key, meter, 1, new byte[14], 0, 14).length);
        assertEquals(32, Mode5Cipher.encrypt(key, meter, 1, new byte[15], 0, 15).length);
    }

    @Test
    void randomRoundTripsAndWrongKeyIsBadFiller() throws DecodeException {
        Random random = new Random(5);
        for (int n = 0; n < 300; n++) {
            byte[] keyBytes = new byte[16];
            random.nextBytes(keyBytes);
            AesKey key = AesKey.of(keyBytes);
            ShortId meter = new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)),
                    random.nextInt(256), new DeviceType(random.nextInt(256)));
            int accessNumber = random.nextInt(256);
            byte[] records = new byte[random.nextInt(200)];
            random.nextBytes(records);
            byte[] ciphertext = Mode5Cipher.encrypt(key, meter, accessNumber, records, 0, records.length);
            byte[] plain = Mode5Cipher.decrypt(key, meter, accessNumber, ciphertext, 0, ciphertext.length);
            assertArrayEquals(records, Arrays.copyOfRange(plain, 2, 2 + records.length));
            keyBytes[0] ^= (byte) 0x80;
            AesKey wrong = AesKey.of(keyBytes);
            var e = assertThrows(DecodeException.class,
                    () -> Mode5Cipher.decrypt(wrong, meter, accessNumber, ciphertext, 0, ciphertext.length));
            assertEquals(Reason.BAD_FILLER, e.reason());
            AesKeyTest.assertShowsNoKeyBytes(keyBytes, e.toString());
        }
    }

    @Test
    void anAccessNumberIsOneByte() {
        ShortId meter = new ShortId(0x12345678, ManufacturerCode.of("ELS"), 0x33, DeviceType.GAS);
        assertThrows(IllegalArgumentException.class, () -> Mode5Cipher.initializationVector(meter, 256));
        assertThrows(IllegalArgumentException.class, () -> Mode5Cipher.initializationVector(meter, -1));
    }
}
