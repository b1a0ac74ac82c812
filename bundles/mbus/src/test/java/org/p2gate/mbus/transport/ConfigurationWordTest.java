package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class ConfigurationWordTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static Stream<JsonNode> verifiedVectors() {
        return TestVectors.verified("configuration-word");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiedVectors")
    void everyVerifiedConfigurationWordVectorDecodesToItsModeAndBlocksAndEncodesBack(JsonNode vector) throws DecodeException {
        byte[] wire = HEX.parseHex(vector.at("/inputs/cw_wire").asText());
        ConfigurationWord cw = ConfigurationWord.decode(wire, 0);
        JsonNode expected = vector.get("expected");
        assertEquals(expected.get("mode").asInt(), cw.mode(), "mode");
        assertEquals(expected.get("encrypted_blocks").asInt(), cw.encryptedBlocks(), "blocks");
        if (expected.has("encrypted_bytes")) {
            assertEquals(expected.get("encrypted_bytes").asInt(), cw.encryptedLength());
        }
        if (expected.has("other_bits")) {
            assertEquals(expected.get("other_bits").asInt(), cw.otherBits());
        }
        if (expected.has("B")) {
            assertEquals(expected.get("B").asInt() == 1, cw.bidirectional());
            assertEquals(expected.get("A").asInt() == 1, cw.accessibility());
            assertEquals(expected.get("S").asInt() == 1, cw.synchronous());
        }
        assertEquals(vector.at("/inputs").has("cfe"), cw.hasExtension(), "a CFE follows exactly in mode 7");
        assertArrayEquals(wire, cw.toWire());
    }

    @Test
    void dsmrMode15IsWrittenXFxxhAndSentLsbFirst() {
        // P2 4.2.2 §5.1 "xFxxh"; Appendix B B1.3 sends 30 0F for three blocks
        ConfigurationWord cw = ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, 3);
        assertEquals(0x0F30, cw.value());
        assertEquals("300F", HEX.formatHex(cw.toWire()));
        assertTrue(cw.isEncrypted());
        assertFalse(cw.hasExtension());
    }

    @Test
    void omsMode7WordIsFollowedByAnExtensionWithKdfAAndKeyZero() throws DecodeException {
        // OMS Annex N N.2.3: CW 20 07, CFE 10h = 0VDDKKKKb with DD = 01 (KDF A), KKKK = 0
        ConfigurationWord cw = ConfigurationWord.decode(HEX.parseHex("2007"), 0);
        assertTrue(cw.hasExtension());
        assertEquals(0, cw.contentOfMessage());
        assertFalse(cw.padding());
        ConfigurationFieldExtension cfe = ConfigurationFieldExtension.decode(HEX.parseHex("10"), 0);
        assertEquals(ConfigurationFieldExtension.KDF_A, cfe.kdfSelection());
        assertEquals(0, cfe.keyId());
        assertEquals(cfe, ConfigurationFieldExtension.of(1, 0));
    }

    @Test
    void mode5BitsFollowBasMmmmmNnnnCcrh() {
        ConfigurationWord cw = new ConfigurationWord(0b1110_0101_0011_1011);
        assertTrue(cw.bidirectional());
        assertTrue(cw.accessibility());
        assertTrue(cw.synchronous());
        assertEquals(5, cw.mode());
        assertEquals(3, cw.encryptedBlocks());
        assertEquals(2, cw.contentOfMessage());
        assertTrue(cw.repeatedAccess());
        assertTrue(cw.hopCounter());
        assertEquals(3, cw.hopBits());
    }

    @Test
    void mode7BitsFollowCczMmmmmNnnnPiii() {
        ConfigurationWord cw = new ConfigurationWord(0b1000_0111_0101_1101);
        assertEquals(7, cw.mode());
        assertEquals(2, cw.contentOfMessage());
        assertEquals(5, cw.encryptedBlocks());
        assertTrue(cw.padding());
        assertEquals(5, cw.contentIndex());
        assertFalse(cw.hopCounter(), "bit 0 is part of the content index in mode 7");
    }

    @Test
    void everyWordRoundTripsWithAllItsBits() throws DecodeException {
        for (int value = 0; value <= 0xFFFF; value++) {
            ConfigurationWord cw = new ConfigurationWord(value);
            assertEquals(cw, ConfigurationWord.decode(cw.toWire(), 0));
        }
    }

    @Test
    void everyExtensionByteRoundTrips() throws DecodeException {
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            int kdf = random.nextInt(4);
            int key = random.nextInt(16);
            ConfigurationFieldExtension cfe = ConfigurationFieldExtension.of(kdf, key);
            ConfigurationFieldExtension back = ConfigurationFieldExtension.decode(new byte[] {(byte) cfe.value()}, 0);
            assertEquals(kdf, back.kdfSelection());
            assertEquals(key, back.keyId());
        }
    }

    @Test
    void aWordNeedsTwoBytes() {
        var e = assertThrows(DecodeException.class, () -> ConfigurationWord.decode(HEX.parseHex("30"), 0));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(1, e.offset());
    }

    @Test
    void modeAndBlocksOutsideTheirBitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConfigurationWord.of(32, 0));
        assertThrows(IllegalArgumentException.class, () -> ConfigurationWord.of(15, 16));
    }
}
