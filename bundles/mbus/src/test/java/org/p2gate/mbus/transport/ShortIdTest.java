package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class ShortIdTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** P2 Appendix B: ident 23456789, NET, version 42h, gas (03h). */
    private static final ShortId APPENDIX_B = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);

    @Test
    void appendixBIdentNumberIsTheLastEightDigitsOfTheSerialInBcdLsbFirst() {
        var vector = TestVectors.byId("dsmr-appB-ident-number");
        String equipmentId = vector.at("/inputs/equipment_identifier").asText();
        long ident = Long.parseLong(equipmentId.substring(equipmentId.length() - 8));
        ShortId id = ShortId.of(ident, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        assertEquals(vector.at("/expected/ident_number").asText(), id.identificationNumber());
        assertEquals(vector.at("/expected/ident_wire").asText(), HEX.formatHex(id.toHeader()).substring(0, 8));
    }

    @Test
    void longHeaderOrderIsIdManVerDev() throws DecodeException {
        byte[] header = HEX.parseHex("89674523B4384203");
        assertArrayEquals(header, APPENDIX_B.toHeader());
        assertEquals(APPENDIX_B, ShortId.fromHeader(header, 0));
    }

    @Test
    void wirelessLinkAddressOrderIsManIdVerDevAndStartsTheMode15Iv() throws DecodeException {
        var vector = TestVectors.byId("dsmr-5.2.1-mode15-iv");
        String iv = vector.at("/expected/iv").asText();
        assertEquals(iv.substring(0, 16), HEX.formatHex(APPENDIX_B.toLinkAddress()));
        assertEquals(APPENDIX_B, ShortId.fromLinkAddress(HEX.parseHex(iv), 0));
    }

    @Test
    void aNonBcdIdentificationIsKeptAndSaidSo() throws DecodeException {
        ShortId id = ShortId.fromHeader(HEX.parseHex("FF674523B4384203"), 0);
        assertFalse(id.isBcd());
        assertEquals("234567FF", id.identificationNumber());
        assertTrue(APPENDIX_B.isBcd());
    }

    @Test
    void aShortIdNeedsEightBytes() {
        var e = assertThrows(DecodeException.class, () -> ShortId.fromHeader(HEX.parseHex("89674523B43842"), 0));
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @Test
    void printsDigitsManufacturerVersionAndMedium() {
        assertEquals("23456789 NET v66 gas (03h)", APPENDIX_B.toString());
    }
}
