package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.p2gate.mbus.security.Vectors.bytes;
import static org.p2gate.mbus.security.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;
import org.p2gate.mbus.wire.LittleEndian;

class AflMacTest {

    static Stream<JsonNode> vectors() {
        return TestVectors.verified("cmac-afl-mac");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aflMacIsTheFirstEightBytesOfTheCmacUnderKmac(JsonNode vector) throws DecodeException {
        AesKey kmac = AesKey.of(bytes(vector, "/inputs/key_kmac"));
        byte[] input = bytes(vector, "/inputs/mac_input");
        assertEquals(vector.at("/expected/cmac").asText(), hex(Cmac.of(kmac, input, 0, input.length)));
        byte[] mac = AflMac.compute(kmac, input, 0, input.length);
        assertEquals(vector.at("/expected/mac_truncated_8").asText(), hex(mac));
        // the same from its parts: MCL, MCR (LSB first), then the bytes from the TPL CI field on
        byte[] fromParts = AflMac.compute(kmac, input[0] & 0xFF, LittleEndian.readU32(input, 1), input, 5, input.length - 5);
        assertArrayEquals(mac, fromParts);
        assertDoesNotThrow(() -> AflMac.verify(mac, bytes(vector, "/expected/mac_truncated_8"), 0));
    }

    @Test
    void annexN23FromMasterKeyToTheAflMacEndToEnd() throws DecodeException {
        // OMS Annex N.2.3: Mk, MCR 00000AB3h, ident 12345678 -> Kenc, Kmac; the reconstructed plaintext
        // encrypted with Kenc; MAC over MCL 25h ‖ MCR ‖ TPL (7A 75 00 20 07 10) ‖ ciphertext.
        AesKey master = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
        AesKey kenc = KeyDerivation.derive(master, KeyDerivation.Constant.KENC, 0x0AB3, 0x12345678);
        AesKey kmac = KeyDerivation.derive(master, KeyDerivation.Constant.KMAC, 0x0AB3, 0x12345678);
        byte[] records = Vectors.recordsOf(bytes(TestVectors.byId("oms-n2.3-mode7-encrypt"), "/inputs/plaintext"));
        byte[] ciphertext = Mode7Cipher.encrypt(kenc, records, 0, records.length);
        byte[] tpl = new byte[6 + ciphertext.length];
        System.arraycopy(Vectors.HEX.parseHex("7A7500200710"), 0, tpl, 0, 6);
        System.arraycopy(ciphertext, 0, tpl, 6, ciphertext.length);
        byte[] mac = AflMac.compute(kmac, 0x25, 0x0AB3, tpl, 0, tpl.length);
        assertEquals("21924D4F2FB66E01", hex(mac));
    }

    @Test
    void tamperedDataOrMacIsBadMac() {
        JsonNode vector = TestVectors.byId("oms-n2.3-afl-mac");
        AesKey kmac = AesKey.of(bytes(vector, "/inputs/key_kmac"));
        byte[] input = bytes(vector, "/inputs/mac_input");
        byte[] received = Vectors.HEX.parseHex("AAAA" + vector.at("/expected/mac_truncated_8").asText());
        for (int i = 0; i < input.length; i++) {
            byte[] altered = input.clone();
            altered[i] ^= 0x04;
            byte[] expected = AflMac.compute(kmac, altered, 0, altered.length);
            var e = assertThrows(DecodeException.class, () -> AflMac.verify(expected, received, 2), "byte " + i);
            assertEquals(Reason.BAD_MAC, e.reason());
            assertEquals(2, e.offset());
            AesKeyTest.assertShowsNoKeyBytes(kmac.exportBytes(), e.toString());
        }
        byte[] good = AflMac.compute(kmac, input, 0, input.length);
        assertDoesNotThrow(() -> AflMac.verify(good, received, 2));
        for (int i = 0; i < AflMac.LENGTH; i++) {
            byte[] tampered = received.clone();
            tampered[2 + i] ^= 0x01;
            var e = assertThrows(DecodeException.class, () -> AflMac.verify(good, tampered, 2));
            assertEquals(Reason.BAD_MAC, e.reason());
        }
    }

    @Test
    void aMacCutShortIsTruncated() {
        var e = assertThrows(DecodeException.class, () -> AflMac.verify(new byte[8], new byte[10], 3));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(10, e.offset());
    }
}
