package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;

/**
 * Records are views into one copy of the block, their values made on first access (issue 18): what a caller
 * sees must not depend on that — nor on what it does with its own bytes afterwards.
 */
class RecordViewTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /**
     * EN 13757-3: volume 12345.678 m^3 (0C 13: BCD8, 10^-3 m^3); energy 1200 kWh, storage 1, tariff 1 (C4 10 06:
     * INT32, DIF bit 6 and a DIFE, 10^3 Wh); fabrication number "AB" as LVAR text (0D 78 02, last character first).
     */
    private static final String BLOCK = "0C1378563412" + "C41006B0040000" + "0D78024241";

    @Test
    void recordsDoNotChangeWhenTheCallersBytesDo() throws DecodeException {
        byte[] bytes = HEX.parseHex("2F" + BLOCK + "2F");
        List<DataRecord> records = DataRecords.decode(bytes, 1, bytes.length - 2);
        Arrays.fill(bytes, (byte) 0x99); // the caller reuses its buffer before reading any value

        assertEquals(3, records.size());
        assertEquals(0, new BigDecimal("12345.678").compareTo(records.get(0).number().orElseThrow()));
        assertEquals(2, records.get(1).dataInformation().storageNumber() + records.get(1).dataInformation().tariff());
        assertEquals(0, new BigDecimal("1200000").compareTo(records.get(1).number().orElseThrow()), "1200 kWh in Wh");
        assertEquals("AB", assertInstanceOf(RecordValue.Text.class, records.get(2).value()).text(), "sent 42 41: last character first");
        assertArrayEquals(HEX.parseHex(BLOCK), DataRecords.encode(records));
    }

    @Test
    void aViewEqualsTheSameRecordBuiltFromItsPartsAndKeepsItsCosemScaler() throws DecodeException {
        byte[] bytes = HEX.parseHex(BLOCK);
        DataRecord view = DataRecords.decode(bytes, 0, bytes.length).get(0);
        DataRecord built = DataRecord.ofData(view.dataInformation(), view.valueInformation(), view.data());

        assertEquals(built, view);
        assertEquals(built.hashCode(), view.hashCode());
        assertEquals(built.value(), view.value());
        assertEquals(view.scaledValue(), built.scaledValue());
        assertEquals(-3, view.scaledValue().orElseThrow().scaler(), "COSEM m^3 with scaler -3 (VIF 13h)");
        assertArrayEquals(HEX.parseHex("78563412"), view.data());
    }

    @Test
    void anInvalidValueIsInvalidOnFirstAccessNotAnException() throws DecodeException {
        // BCD digit Ah: EN 13757-3 Annex A type A allows 0..9 (Fh only as the sign of the top nibble)
        byte[] bytes = HEX.parseHex("0C137A563412");
        DataRecord record = DataRecords.decode(bytes, 0, bytes.length).get(0);
        assertInstanceOf(RecordValue.Invalid.class, record.value());
        assertThrows(java.util.NoSuchElementException.class, () -> record.number().orElseThrow());
    }
}
