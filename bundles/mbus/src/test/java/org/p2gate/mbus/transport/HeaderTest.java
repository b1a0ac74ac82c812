package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class HeaderTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void appendixBB13LongHeaderIsShortIdThenAccStatusAndMode15Word() throws DecodeException {
        // P2 Appendix B B1.3: 72 | 89 67 45 23 B4 38 42 03 | F6 00 | 30 0F
        String frame = TestVectors.byId("dsmr-b1.3-frame-encrypted").at("/inputs/user_data_C_to_end").asText();
        byte[] header = HEX.parseHex(frame.substring(6, 6 + 24));
        LongHeader decoded = LongHeader.decode(header, 0);
        assertEquals(ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS), decoded.deviceId());
        assertEquals(0xF6, decoded.accessNumber());
        assertEquals(StatusByte.OK, decoded.status());
        assertEquals(15, decoded.configuration().mode());
        assertEquals(3, decoded.configuration().encryptedBlocks());
        assertEquals(12, decoded.length());
        assertArrayEquals(header, decoded.encode());
    }

    @Test
    void omsN23ShortHeaderCarriesTheCfeAfterTheMode7Word() throws DecodeException {
        // OMS Annex N N.2.3: 7A | 75 00 20 07 10
        ShortHeader header = ShortHeader.decode(HEX.parseHex("7500200710"), 0);
        assertEquals(0x75, header.accessNumber());
        assertEquals(7, header.configuration().mode());
        assertEquals(Optional.of(ConfigurationFieldExtension.of(1, 0)), header.extension());
        assertEquals(5, header.length());
        assertEquals("7500200710", HEX.formatHex(header.encode()));
    }

    @Test
    void omsN24LongHeaderCarriesTheCfeAfterTheMode7Word() throws DecodeException {
        // OMS Annex N N.2.4 RSP-UD (oms-n2.4-afl-mac): 72 | 78 56 34 12 93 15 33 03 | 75 00 | 20 07 | 10
        String macInput = TestVectors.byId("oms-n2.4-afl-mac").at("/inputs/mac_input").asText();
        byte[] header = HEX.parseHex(macInput.substring(12, 12 + 26));
        LongHeader decoded = LongHeader.decode(header, 0);
        assertEquals("12345678", decoded.deviceId().identificationNumber());
        assertEquals("ELS", decoded.deviceId().manufacturer().letters());
        assertEquals(0x33, decoded.deviceId().version());
        assertEquals(DeviceType.GAS, decoded.deviceId().deviceType());
        assertEquals(0x75, decoded.accessNumber());
        assertEquals(13, decoded.length());
        assertArrayEquals(header, decoded.encode());
    }

    @Test
    void randomShortAndLongHeadersRoundTrip() throws DecodeException {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            ConfigurationWord cw = new ConfigurationWord(random.nextInt(0x10000));
            Optional<ConfigurationFieldExtension> cfe = cw.hasExtension()
                    ? Optional.of(new ConfigurationFieldExtension(random.nextInt(0x100) & ~0x40)) : Optional.empty();
            ShortHeader shortHeader = new ShortHeader(random.nextInt(256), StatusByte.of(random.nextInt(256)), cw, cfe);
            assertEquals(shortHeader, ShortHeader.decode(shortHeader.encode(), 0));
            ShortId id = new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)), random.nextInt(256),
                    DeviceType.of(random.nextInt(256)));
            LongHeader longHeader = new LongHeader(id, shortHeader.accessNumber(), shortHeader.status(), cw, cfe);
            assertEquals(longHeader, LongHeader.decode(longHeader.encode(), 0));
            assertEquals(shortHeader, longHeader.shortHeader());
        }
    }

    @Test
    void aShortHeaderCutOffIsTruncatedAtTheEnd() {
        var e = assertThrows(DecodeException.class, () -> ShortHeader.decode(HEX.parseHex("F60030"), 0));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void aMode7HeaderWithoutItsCfeIsTruncated() {
        var e = assertThrows(DecodeException.class, () -> ShortHeader.decode(HEX.parseHex("75002007"), 0));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(4, e.offset());
    }

    @Test
    void aLongHeaderCutOffInTheShortIdIsTruncated() {
        var e = assertThrows(DecodeException.class, () -> LongHeader.decode(HEX.parseHex("89674523B438"), 0));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(6, e.offset());
    }

    @Test
    void aCfeOnlyGoesWithMode7() {
        assertThrows(IllegalArgumentException.class, () -> new ShortHeader(0, StatusByte.OK,
                ConfigurationWord.of(15, 1), Optional.of(ConfigurationFieldExtension.of(1, 0))));
        assertThrows(IllegalArgumentException.class, () -> ShortHeader.of(0, StatusByte.OK, ConfigurationWord.of(7, 1)));
    }
}
