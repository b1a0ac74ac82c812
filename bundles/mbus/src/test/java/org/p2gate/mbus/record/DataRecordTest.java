package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

class DataRecordTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static DataRecord decode(String hex) throws DecodeException {
        byte[] b = HEX.parseHex(hex);
        DataRecord r = DataRecord.decode(b, 0, b.length);
        assertEquals(b.length, r.length());
        return r;
    }

    private static DecodeException reject(String hex) {
        byte[] b = HEX.parseHex(hex);
        return assertThrows(DecodeException.class, () -> DataRecords.decode(b, 0, b.length));
    }

    @Test
    void storageNumberTakesDifBit6AndFourBitsPerDife() throws DecodeException {
        // DIF C4 (storage bit), DIFE 8F (storage 1111), DIFE 01 → 1 | 15<<1 | 1<<5
        DataRecord r = decode("C48F011300000000");
        assertEquals(1 + (15 << 1) + (1 << 5), r.dataInformation().storageNumber());
        assertEquals(2, r.dataInformation().difeCount());
    }

    @Test
    void tariffTakesTwoBitsAndSubunitOneBitPerDife() throws DecodeException {
        // DIFE F0 = E, subunit 1, tariff 11; DIFE 50 = subunit 1, tariff 01
        DataRecord r = decode("84F0501300000000");
        assertEquals(3 | 1 << 2, r.dataInformation().tariff());
        assertEquals(3, r.dataInformation().subunit());
    }

    @Test
    void functionFieldIsDifBits4And5() throws DecodeException {
        assertEquals(FunctionField.MAXIMUM, decode("143B01000000").dataInformation().function());
        assertEquals(FunctionField.MINIMUM, decode("243B01000000").dataInformation().function());
        assertEquals(FunctionField.ERROR_STATE, decode("343B01000000").dataInformation().function());
    }

    @Test
    void elevenDifesAreTooMany() {
        DecodeException e = reject("84" + "80".repeat(10) + "00" + "1300000000");
        assertEquals(Reason.TOO_MANY_DIFES, e.reason());
        assertEquals(11, e.offset());
    }

    @Test
    void tenDifesAreAllowed() throws DecodeException {
        assertEquals(10, decode("84" + "80".repeat(9) + "00" + "1300000000").dataInformation().difeCount());
    }

    @Test
    void elevenVifesAreTooMany() {
        DecodeException e = reject("04" + "93" + "A0".repeat(10) + "20" + "00000000");
        assertEquals(Reason.TOO_MANY_VIFES, e.reason());
        assertEquals(12, e.offset());
    }

    @Test
    void aRecordCutShortIsTruncatedAtTheMissingByte() {
        DecodeException e = reject("0413000000");
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(2, e.offset());
        assertEquals(Reason.TRUNCATED, reject("04").reason());
        assertEquals(Reason.TRUNCATED, reject("0DFD").reason());
        assertEquals(Reason.TRUNCATED, reject("0D7805414243").reason());
    }

    @Test
    void reservedLvarIsABadRecord() {
        DecodeException e = reject("0D78F7");
        assertEquals(Reason.BAD_RECORD, e.reason());
        assertEquals(2, e.offset());
    }

    @Test
    void reservedSpecialFunctionIsABadRecord() {
        assertEquals(Reason.BAD_RECORD, reject("3F").reason());
    }

    @ParameterizedTest
    @CsvSource({
        "0403E8030000, 1000, Wh, 30, 0",
        "040E01000000, 1000000, J, 25, 0",
        "0413E8030000, 1.000, m^3, 13, 0",
        "021B0A00, 10.0, kg, 20, 0",
        "022BE803, 1000, W, 27, 0",
        "023B0A00, 0.010, m^3/h, 15, 0",
        "025AE803, 100.0, °C, 9, 0",
        "0261E803, 10.00, K, 52, 0",
        "0266E803, 100.0, °C, 9, 0",
        "026AE803, 100.0, bar, 24, 0",
        "02220100, 1, h, 5, 0",
        "0223FFFF, -1, d, 4, 0",
        "02FD4A0100, 10, V, 35, 0",
        "02FD59E803, 1.000, A, 33, 0",
        "02FB010100, 1, MWh, 30, 6"})
    void unitsAndCosemUnitsFollowTheVifTable(String hex, String value, String unit, int cosemCode, int shift)
            throws DecodeException {
        DataRecord r = decode(hex);
        assertEquals(0, new BigDecimal(value).compareTo(r.number().orElseThrow()), r.toString());
        assertEquals(unit, r.unit());
        assertEquals(cosemCode, r.cosemUnit().orElseThrow().code());
        ScaledValue s = r.scaledValue().orElseThrow();
        assertEquals(0, r.number().orElseThrow().movePointRight(shift).compareTo(s.toBigDecimal()));
    }

    @Test
    void cosemValueIsMantissaTimesTenToTheScalerExactly() throws DecodeException {
        DataRecord r = decode("0C1391030000");
        assertEquals(ScaledValue.of(391, -3), r.scaledValue().orElseThrow());
        assertEquals(new BigDecimal("0.391"), r.scaledValue().orElseThrow().toBigDecimal());
        assertEquals(CosemUnit.CUBIC_METRE, r.cosemUnit().orElseThrow());
    }

    @Test
    void unitsWithoutDlmsEquivalentSaySo() throws DecodeException {
        assertEquals(Optional.empty(), decode("02430100").cosemUnit()); // m^3/min
        assertEquals(Optional.empty(), decode("02530100").scaledValue()); // kg/h
        assertEquals(Optional.empty(), decode("0C7801000000").cosemUnit()); // fabrication number
    }

    @Test
    void multiplicativeCorrectionVifeShiftsTheExponent() throws DecodeException {
        // VIF 93 (m^3 10^-3) + VIFE 74 (10^(4-6))
        DataRecord r = decode("0493740A000000");
        assertEquals(-5, r.valueInformation().exponent());
        assertEquals(0, new BigDecimal("0.00010").compareTo(r.number().orElseThrow()));
    }

    @Test
    void perHourVifeChangesTheUnitAndDropsTheCosemUnit() throws DecodeException {
        DataRecord r = decode("04932201000000");
        assertEquals("m^3/h", r.unit());
        assertEquals(Optional.empty(), r.cosemUnit());
    }

    @Test
    void plainTextUnitIsSentLastCharacterFirstBeforeItsVifes() throws DecodeException {
        DataRecord r = decode("02FC0348522574D411");
        assertEquals(Optional.of("%RH"), r.valueInformation().plainTextUnit());
        assertEquals("%RH", r.unit());
        assertEquals(0, new BigDecimal("45.64").compareTo(r.number().orElseThrow()));
        assertEquals(r.valueInformation(), ValueInformationBlock.plainText("%RH", 0x74));
    }

    @Test
    void typeBIsSignedTwosComplement() throws DecodeException {
        assertEquals(-2, ((RecordValue.Numeric) decode("0113FE").value()).mantissa().intValue());
        assertEquals(Long.MIN_VALUE, ((RecordValue.Numeric) decode("07130000000000000080").value()).mantissa().longValue());
        assertEquals(-1, ((RecordValue.Numeric) decode("0613FFFFFFFFFFFF").value()).mantissa().intValue());
    }

    @Test
    void negativeBcdHasFhAsTheTopNibble() throws DecodeException {
        assertEquals(0, new BigDecimal("-0.123").compareTo(decode("0A1323F1").number().orElseThrow()));
    }

    @Test
    void bcdDigitAboveNineIsAnInvalidValueNotACrash() throws DecodeException {
        assertInstanceOf(RecordValue.Invalid.class, decode("0A133A01").value());
        DecodeException e = assertThrows(DecodeException.class, () -> DataTypes.bcd(HEX.parseHex("3A01"), 0, 2));
        assertEquals(Reason.BAD_VALUE, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void typeHKeepsTheFloatsExactValue() throws DecodeException {
        // 0.1f = 3DCCCCCD; its exact value is not 0.1
        DataRecord r = decode("0513CDCCCC3D");
        assertEquals(new BigDecimal(0.1f).movePointLeft(3), r.number().orElseThrow());
    }

    @Test
    void typeHNotANumberIsInvalid() throws DecodeException {
        assertInstanceOf(RecordValue.Invalid.class, decode("05130000C07F").value());
    }

    @Test
    void typeGIsADate() throws DecodeException {
        assertEquals(new RecordValue.Date(LocalDate.of(2013, 12, 31)), decode("426CBF1C").value());
    }

    @Test
    void typeFIsDateAndTimeToTheMinute() throws DecodeException {
        assertEquals(new RecordValue.DateTime(LocalDateTime.of(2014, 3, 13, 12, 10), false), decode("046D0A0CCD13").value());
    }

    @Test
    void typeJIsATimeOfDay() throws DecodeException {
        assertEquals(new RecordValue.Time(LocalTime.of(13, 14, 15)), decode("036D0F0E0D").value());
    }

    @Test
    void lvarBcdAndBinary() throws DecodeException {
        assertEquals(0, new BigDecimal("-1.234").compareTo(decode("0D13D23412").number().orElseThrow()));
        assertEquals(0, new BigDecimal("1.234").compareTo(decode("0D13C23412").number().orElseThrow()));
        assertEquals(new RecordValue.Bytes(new byte[] {1, 2}), decode("0DFD11E20102").value());
    }

    @Test
    void blockSkipsFillersAndKeepsManufacturerData() throws DecodeException {
        byte[] b = HEX.parseHex("2F2F0C1391030000" + "2F" + "1F" + "AABB");
        VariableDataBlock block = DataRecords.decodeBlock(b, 0, b.length);
        assertEquals(1, block.records().size());
        assertTrue(block.moreRecordsFollow());
        assertArrayEquals(HEX.parseHex("AABB"), block.manufacturerData());
        assertArrayEquals(HEX.parseHex("0C1391030000" + "1F" + "AABB"), DataRecords.encode(block));
    }

    @Test
    void blockErrorOffsetsAreRelativeToTheBlock() {
        byte[] b = HEX.parseHex("FFFF" + "2F0413000000");
        DecodeException e = assertThrows(DecodeException.class, () -> DataRecords.decode(b, 2, 6));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void blockOfRecordsEncodesToTheBytesDecoded() throws DecodeException {
        byte[] b = HEX.parseHex("0C1391030000046D0A0CCD1301FD1700");
        List<DataRecord> records = DataRecords.decode(b, 0, b.length);
        assertEquals(3, records.size());
        assertArrayEquals(b, DataRecords.encode(records));
    }
}
