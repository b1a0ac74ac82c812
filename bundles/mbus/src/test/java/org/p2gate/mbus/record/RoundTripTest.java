package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;

/** encode → decode → equal, for every data type and for generated records. */
class RoundTripTest {

    private static final int[] NUMERIC_VIFS = {0x03, 0x06, 0x0E, 0x13, 0x16, 0x1B, 0x22, 0x2B, 0x33, 0x3B, 0x43, 0x4B,
        0x53, 0x5A, 0x5E, 0x61, 0x66, 0x69, 0x6E, 0x72, 0x76};
    private static final DataField[] NUMERIC_FIELDS = {DataField.INT8, DataField.INT16, DataField.INT24, DataField.INT32,
        DataField.INT48, DataField.INT64, DataField.BCD2, DataField.BCD4, DataField.BCD6, DataField.BCD8,
        DataField.BCD12};

    private static DataRecord roundTrip(DataRecord r) throws DecodeException {
        byte[] bytes = r.toBytes();
        DataRecord back = DataRecord.decode(bytes, 0, bytes.length);
        assertEquals(r, back);
        assertEquals(r.value(), back.value());
        return back;
    }

    private static DataRecord record(DataField field, ValueInformationBlock vib, RecordValue value) {
        return DataRecord.of(DataInformationBlock.of(field), vib, value);
    }

    @Test
    void randomNumericRecordsRoundTripThroughTheirValue() throws DecodeException {
        Random random = new Random(13757);
        for (int i = 0; i < 5000; i++) {
            DataField field = NUMERIC_FIELDS[random.nextInt(NUMERIC_FIELDS.length)];
            int vifCode = NUMERIC_VIFS[random.nextInt(NUMERIC_VIFS.length)];
            ValueInformationBlock vib = random.nextBoolean() ? ValueInformationBlock.of(vifCode)
                    : ValueInformationBlock.of(vifCode | 0x80, 0x70 + random.nextInt(8)); // with a correction factor
            DataInformationBlock dib = DataInformationBlock.of(field, FunctionField.ofCode(random.nextInt(4)),
                    random.nextInt(1 << 12), random.nextInt(1 << 6), random.nextInt(8));
            long mantissa;
            if (field.isBcd()) {
                long limit = BigInteger.TEN.pow(2 * field.length() - 1).longValueExact();
                mantissa = Math.floorMod(random.nextLong(), 2 * limit - 1) - (limit - 1);
            } else {
                int bits = 8 * field.length();
                mantissa = bits == 64 ? random.nextLong() : random.nextLong() >> (64 - bits);
            }
            RecordValue.Numeric value = RecordValue.Numeric.of(BigDecimal.valueOf(mantissa, -vib.exponent()));
            DataRecord r = DataRecord.of(dib, vib, value);
            DataRecord back = roundTrip(r);
            assertEquals(0, value.decimal().compareTo(back.number().orElseThrow()), back.toString());
            assertEquals(dib, back.dataInformation());
        }
    }

    @Test
    void randomBytesThatDecodeEncodeToThemselves() {
        Random random = new Random(42);
        int decoded = 0;
        for (int i = 0; i < 20000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(24)];
            random.nextBytes(bytes);
            try {
                VariableDataBlock block = DataRecords.decodeBlock(bytes, 0, bytes.length);
                for (DataRecord r : block.records()) {
                    byte[] one = r.toBytes();
                    assertEquals(r, DataRecord.decode(one, 0, one.length));
                }
                decoded++;
            } catch (DecodeException e) {
                assertEquals(true, e.offset() >= 0 && e.offset() <= bytes.length, e.toString());
            }
        }
        assertEquals(true, decoded > 1000, "enough random blocks decode: " + decoded);
    }

    @Test
    void typeGDateRoundTrips() throws DecodeException {
        roundTrip(record(DataField.INT16, ValueInformationBlock.of(0x6C), new RecordValue.Date(LocalDate.of(2099, 2, 28))));
        roundTrip(record(DataField.INT16, ValueInformationBlock.of(0x6C), new RecordValue.Date(LocalDate.of(2000, 1, 1))));
    }

    @Test
    void typeFDateTimeRoundTripsWithSummerTime() throws DecodeException {
        roundTrip(record(DataField.INT32, ValueInformationBlock.of(0x6D),
                new RecordValue.DateTime(LocalDateTime.of(2024, 7, 1, 23, 59), true)));
    }

    @Test
    void typeIDateTimeRoundTrips() throws DecodeException {
        roundTrip(record(DataField.INT48, ValueInformationBlock.of(0x6D),
                new RecordValue.DateTime(LocalDateTime.of(2013, 7, 16, 13, 0, 59), false)));
    }

    @Test
    void typeJTimeRoundTrips() throws DecodeException {
        roundTrip(record(DataField.INT24, ValueInformationBlock.of(0x6D), new RecordValue.Time(LocalTime.of(23, 59, 58))));
    }

    @Test
    void typeHRoundTripsExactly() throws DecodeException {
        RecordValue value = RecordValue.Numeric.of(new BigDecimal(-1234.5678f).movePointLeft(3));
        DataRecord back = roundTrip(record(DataField.REAL32, ValueInformationBlock.of(0x13), value));
        assertEquals(0, ((RecordValue.Numeric) value).decimal().compareTo(back.number().orElseThrow()));
    }

    @Test
    void typeHRefusesAValueAFloatCannotHoldExactly() {
        assertThrows(IllegalArgumentException.class, () -> record(DataField.REAL32, ValueInformationBlock.of(0x13),
                RecordValue.Numeric.of(new BigDecimal("0.0001"))));
    }

    @Test
    void typeDBitsRoundTrip() throws DecodeException {
        roundTrip(record(DataField.INT16, ValueInformationBlock.of(0xFD, 0x17), new RecordValue.Bits(0xA55A, 16)));
    }

    @Test
    void lvarTextBcdAndBinaryRoundTrip() throws DecodeException {
        roundTrip(record(DataField.VARIABLE_LENGTH, ValueInformationBlock.of(0x78), new RecordValue.Text("XXXXX110123456789")));
        roundTrip(record(DataField.VARIABLE_LENGTH, ValueInformationBlock.of(0x13), RecordValue.Numeric.of(-123456789, -3)));
        roundTrip(record(DataField.VARIABLE_LENGTH, ValueInformationBlock.of(0x13), RecordValue.Numeric.of(0, -3)));
        roundTrip(record(DataField.VARIABLE_LENGTH, ValueInformationBlock.of(0xFD, 0x11), new RecordValue.Bytes(new byte[] {0, -1, 7})));
    }

    @Test
    void aValueThatDoesNotFitIsRefusedByTheEncoder() {
        assertThrows(IllegalArgumentException.class,
                () -> record(DataField.INT8, ValueInformationBlock.of(0x13), RecordValue.Numeric.of(256, -3)));
        assertThrows(IllegalArgumentException.class,
                () -> record(DataField.BCD2, ValueInformationBlock.of(0x13), RecordValue.Numeric.of(100, -3)));
        assertThrows(IllegalArgumentException.class, // 0.0005 m^3 is not a whole litre
                () -> record(DataField.INT32, ValueInformationBlock.of(0x13), RecordValue.Numeric.of(5, -4)));
    }

    @Test
    void mostDifesAndVifesRoundTrip() throws DecodeException {
        DataInformationBlock dib = new DataInformationBlock(DataField.INT32, FunctionField.MAXIMUM, (1L << 41) - 1,
                (1 << 20) - 1, (1 << 10) - 1, 10);
        int[] vib = new int[11];
        vib[0] = 0x93;
        for (int i = 1; i < 11; i++) {
            vib[i] = i < 10 ? 0xBB : 0x3B;
        }
        DataRecord r = DataRecord.of(dib, ValueInformationBlock.of(vib), RecordValue.Numeric.of(-1, -3));
        assertEquals(1 + 10 + 11 + 4, r.length());
        assertEquals(dib, roundTrip(r).dataInformation());
    }

    @Test
    void blockWithEveryKindOfRecordRoundTrips() throws DecodeException {
        List<DataRecord> records = new ArrayList<>();
        records.add(DsmrRecords.errorFlags(0));
        records.add(DsmrRecords.equipmentIdentifier("XXXXX110123456789"));
        records.add(DsmrRecords.timestamp(LocalDateTime.of(2009, 6, 18, 11, 0), true));
        records.add(DsmrRecords.hourlyGasVolume(391));
        records.add(DsmrRecords.configurationMask(5));
        byte[] bytes = DataRecords.encode(records);
        assertEquals(records, DataRecords.decode(bytes, 0, bytes.length));
        assertArrayEquals(bytes, DataRecords.encode(DataRecords.decode(bytes, 0, bytes.length)));
    }
}
