package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class DsmrRecordsTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** P2 4.2.2 Appendix B1.3, clear column: the records after the header, frame counter record included. */
    private static final String B13_CLEAR_RECORDS = "2F2F01FD17000D781139383736353433323130313158585858584"
            + "66D00000B3216004C139103000001FD67052F2F2F2F04FD0801000000";

    @Test
    void gasMeterResponseB13DecodesToItsDsmrRecords() throws DecodeException {
        byte[] b = HEX.parseHex(B13_CLEAR_RECORDS);
        List<DataRecord> records = DataRecords.decode(b, 0, b.length);
        assertEquals(6, records.size());
        assertTrue(DsmrRecords.isErrorFlags(records.get(0)));
        assertEquals(new RecordValue.Text("XXXXX110123456789"), records.get(1).value());
        assertEquals(new RecordValue.DateTime(LocalDateTime.of(2009, 6, 18, 11, 0), false), records.get(2).value());
        assertEquals(ScaledValue.of(391, -3), records.get(3).scaledValue().orElseThrow());
        assertTrue(DsmrRecords.isConfigurationMask(records.get(4)));
        assertEquals(new RecordValue.Bits(DsmrRecords.CONFIG_CLOCK | DsmrRecords.CONFIG_CONVERTED_VOLUME, 8),
                records.get(4).value());
        assertEquals(1, DsmrRecords.frameCounterOf(records.get(5)).orElseThrow());
    }

    @Test
    void frameCounterRecordIs04Fd08AndFourBytesLsbFirst() throws DecodeException {
        DataRecord r = DsmrRecords.frameCounter(0xFFFF_FFFEL);
        assertArrayEquals(HEX.parseHex("04FD08FEFFFFFF"), r.toBytes());
        byte[] b = r.toBytes();
        assertEquals(0xFFFF_FFFEL, DsmrRecords.frameCounterOf(DataRecord.decode(b, 0, b.length)).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> DsmrRecords.frameCounter(1L << 32));
    }

    @Test
    void keyTransferRecordsOfB11CarryTheEncryptedKeyReversed() {
        var vector = TestVectors.byId("dsmr-b1.1-key-transfer-records");
        byte[] key = HEX.parseHex(vector.path("inputs").path("encrypted_user_key").asText());
        List<DataRecord> records = DsmrRecords.keyTransfer(key);
        // B1.1 prints "Storage 0" beside DIF 47h; §6.5.1 and the DIF itself say storage 1 (test-vectors finding 1)
        assertArrayEquals(HEX.parseHex(vector.path("expected").path("records").asText()), DataRecords.encode(records));
        assertArrayEquals(key, DsmrRecords.encryptedKeyOf(records).orElseThrow());
        assertFalse(records.get(0).toString().contains("03E0EE"), "key bytes are never printed");
    }

    @Test
    void clearStatusIs01Fd97ActionAndNotWithMask73() throws DecodeException {
        DataRecord r = DsmrRecords.clearStatus(DsmrRecords.CLEAR_STATUS_MASK);
        assertArrayEquals(HEX.parseHex("01FD970673"), r.toBytes());
        byte[] b = r.toBytes();
        DataRecord back = DataRecord.decode(b, 0, b.length);
        assertTrue(DsmrRecords.isClearStatus(back));
        assertEquals(0x17, back.valueInformation().code()); // error flags
        assertTrue(back.valueInformation().hasCombinable(DsmrRecords.ACTION_CLEAR_BITS));
        // bits 2 (power low) and 3 (permanent error) are permanent: never cleared
        assertEquals(0, DsmrRecords.CLEAR_STATUS_MASK & 0x0C);
    }

    @Test
    void versionPropertiesAreNameValueLinesSentLastCharacterFirst() throws DecodeException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("met", "PCBx1.x2");
        props.put("com", "M-Bus module supplier");
        DataRecord r = DsmrRecords.versionProperties(0x0D, props);
        byte[] b = r.toBytes();
        DataRecord back = DataRecord.decode(b, 0, b.length);
        assertEquals(props, DsmrRecords.versionPropertiesOf(back).orElseThrow());
        // the B1.2 string (vector dsmr-b1.2-version-string-2) under FD 0E
        byte[] wire = HEX.parseHex("0DFD0E0F" + TestVectors.byId("dsmr-b1.2-version-string-2").path("inputs").path("data").asText());
        assertEquals(Map.of("met", "FW123.4.5"),
                DsmrRecords.versionPropertiesOf(DataRecord.decode(wire, 0, wire.length)).orElseThrow());
    }

    @Test
    void readoutSelectionIsDif08WithTheVifAndNoData() throws DecodeException {
        DataRecord r = DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x0D));
        assertArrayEquals(HEX.parseHex("08FD0D"), r.toBytes());
        byte[] b = HEX.parseHex("08FD0D08FD0E");
        List<DataRecord> list = DataRecords.decode(b, 0, b.length);
        assertTrue(list.stream().allMatch(DsmrRecords::isReadoutSelection));
        assertEquals(new RecordValue.None(), list.get(1).value());
    }

    @Test
    void setAddressIs017AAndTheAddress() {
        assertArrayEquals(HEX.parseHex("017A05"), DsmrRecords.setAddress(5).toBytes());
    }

    @Test
    void hourlyTimestampHasStorageNumberOne() {
        byte[] encoded = DsmrRecords.timestamp(LocalDateTime.of(2009, 6, 18, 11, 0), true).toBytes();
        assertArrayEquals(HEX.parseHex("466D00000B321600"), patchDayOfWeek(encoded));
    }

    /** B1.3 sends day of week 0 (not used); our encoder writes it (Thursday = 4, bits 5-7 of the hour byte). */
    private static byte[] patchDayOfWeek(byte[] b) {
        assertEquals(4, (b[4] & 0xFF) >> 5);
        b[4] &= 0x1F;
        return b;
    }

    @Test
    void clockSynchronisationIsFillersTc00TypeIReservedFillers() throws DecodeException {
        // P2 4.2.2 §6.2.1 footnote: 16 July 2013 13:00 UTC, day of week 2
        ClockSynchronisation sync = new ClockSynchronisation(LocalDateTime.of(2013, 7, 16, 13, 0));
        byte[] b = sync.encode();
        assertArrayEquals(HEX.parseHex("2F2F00" + "00004DB01700" + "000000" + "2F2F2F2F"), b);
        assertEquals(sync, ClockSynchronisation.decode(b, 0, b.length));
        assertEquals(Reason.TRUNCATED, assertThrows(DecodeException.class,
                () -> ClockSynchronisation.decode(b, 0, 15)).reason());
        b[2] = 1;
        assertEquals(Reason.UNSUPPORTED, assertThrows(DecodeException.class,
                () -> ClockSynchronisation.decode(b, 0, b.length)).reason());
    }
}
