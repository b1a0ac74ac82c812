package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.p2gate.testing.TestVectors;

/** Every verified vector of the kinds bcd-record, lvar-string, datetime-type-i and key-transfer-records. */
class SharedVectorRecordTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static Stream<JsonNode> bcdRecords() {
        return TestVectors.verified("bcd-record");
    }

    static Stream<JsonNode> lvarStrings() {
        return TestVectors.verified("lvar-string");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bcdRecords")
    void bcdRecordIsScaledByItsVifAndReencodesToTheSameBytes(JsonNode vector) throws Exception {
        byte[] wire = HEX.parseHex(vector.path("inputs").path("record").asText());
        DataRecord record = DataRecord.decode(wire, 0, wire.length);
        String unit = vector.path("expected").path("unit").asText();
        BigDecimal value = record.number().orElseThrow();
        // the vectors write m3 for m^3 and give energy in GJ where the VIF codes J
        BigDecimal expected = new BigDecimal(vector.path("expected").path("value").asText());
        switch (unit) {
            case "m3" -> assertEquals("m^3", record.unit());
            case "GJ" -> {
                assertEquals("J", record.unit());
                value = value.movePointLeft(9);
            }
            default -> assertEquals(unit, record.unit());
        }
        assertEquals(0, expected.compareTo(value), "value " + value);
        assertTrue(record.dataInformation().isStored(), "DSMR hourly values carry storage number 1");
        assertEquals(1, record.dataInformation().storageNumber());
        assertEquals(vector.path("expected").path("bcd_digits").asText(),
                String.format("%08d", ((RecordValue.Numeric) record.value()).mantissa()));
        assertArrayEquals(wire, record.toBytes());
        DataRecord rebuilt = DataRecord.of(record.dataInformation(), record.valueInformation(), record.value());
        assertArrayEquals(wire, rebuilt.toBytes());
    }

    @Test
    void coldEnergyCarriesSubunitOneFromDife40() throws Exception {
        byte[] wire = HEX.parseHex(TestVectors.byId("dsmr-6.4.5-cold-energy").path("inputs").path("record").asText());
        DataRecord record = DataRecord.decode(wire, 0, wire.length);
        assertEquals(1, record.dataInformation().subunit());
        assertEquals(1, record.dataInformation().storageNumber());
        assertEquals(CosemUnit.JOULE, record.cosemUnit().orElseThrow());
        assertEquals(ScaledValue.of(314127, 7), record.scaledValue().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lvarStrings")
    void lvarTextIsSentLastCharacterFirst(JsonNode vector) throws Exception {
        JsonNode in = vector.path("inputs");
        byte[] wire = in.has("record") ? HEX.parseHex(in.path("record").asText())
                // B1.2 prints the record header wrongly (finding 4): use the header section 6.4.2 assigns
                : HEX.parseHex("0DFD0D" + in.path("lvar").asText() + in.path("data").asText());
        DataRecord record = DataRecord.decode(wire, 0, wire.length);
        String text = vector.path("expected").path("text").asText();
        assertEquals(new RecordValue.Text(text), record.value());
        assertArrayEquals(wire, DataRecord.of(record.dataInformation(), record.valueInformation(),
                new RecordValue.Text(text)).toBytes());
    }

    @Test
    void typeIDateTimeOfB13IsTheHourlyTimestamp() throws Exception {
        JsonNode vector = TestVectors.byId("dsmr-b1.3-timestamp-type-i");
        byte[] wire = HEX.parseHex(vector.path("inputs").path("record").asText());
        DataRecord record = DataRecord.decode(wire, 0, wire.length);
        LocalDateTime expected = LocalDateTime.parse(vector.path("expected").path("datetime").asText());
        assertEquals(new RecordValue.DateTime(expected, false), record.value());
        assertEquals(1, record.dataInformation().storageNumber());
        assertEquals(DataField.INT48, record.dataInformation().dataField());
        assertEquals(VifTable.PRIMARY, record.valueInformation().table());
        assertEquals(0x6D, record.valueInformation().code());
    }

    @Test
    void keyTransferRecordsDecodeAsTwoGenericStorage0And1Records() throws Exception {
        JsonNode vector = TestVectors.byId("dsmr-b1.1-key-transfer-records");
        byte[] wire = HEX.parseHex(vector.path("expected").path("records").asText());
        List<DataRecord> records = DataRecords.decode(wire, 0, wire.length);
        assertEquals(2, records.size());
        for (int i = 0; i < 2; i++) {
            DataRecord r = records.get(i);
            assertEquals(DataField.INT64, r.dataInformation().dataField());
            assertEquals(i, r.dataInformation().storageNumber());
            assertEquals(VifTable.EXTENSION_FD, r.valueInformation().table());
            assertEquals(0x19, r.valueInformation().code());
            assertTrue(r.isKeyMaterial());
            assertEquals(8, r.data().length);
            assertArrayEquals(HEX.parseHex(vector.path("expected").path("record_" + (i + 1)).asText()), r.toBytes());
            assertTrue(!r.toString().contains(HEX.formatHex(r.data())), "key bytes are never printed");
        }
        assertArrayEquals(wire, DataRecords.encode(records));
    }
}
