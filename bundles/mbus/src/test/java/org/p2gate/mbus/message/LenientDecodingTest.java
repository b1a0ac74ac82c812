package org.p2gate.mbus.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.record.FixedDataStructure;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.testing.ConformanceCorpus;

/**
 * Real meters' departures from EN 13757-3 that the lenient decoder reads past (issue 18), each on a telegram
 * built here, and the strict decoder (the DSMR master's) still rejecting the same bytes.
 */
class LenientDecodingTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final MessageDecoder STRICT = new MessageDecoder(KeyLookup.NONE);
    private static final MessageDecoder LENIENT = MessageDecoder.lenient(KeyLookup.NONE);
    /** Long header of a heat meter: ID 12345678, manufacturer KAM (2C2Dh), version 01, heat (04), ACC 2Ah, STS 00. */
    private static final String HEADER = "78563412" + "2D2C" + "01" + "04" + "2A" + "00";
    /** Volume 12345.678 m^3 (DIF 0Ch BCD 8, VIF 13h: 10^-3 m^3), flow temperature 28.2 °C (02h, 5Ah: 10^-1 °C). */
    private static final String TWO_RECORDS = "0C1378563412" + "025A1A01";

    static byte[] rspUd(int ci, String data) {
        return new LongFrame(CField.of(0x08), 1, ci, HEX.parseHex(data)).encode();
    }

    private static Departure only(Message message, Departure.Kind kind) {
        assertEquals(1, message.departures().size(), message.departures().toString());
        Departure d = message.departures().get(0);
        assertEquals(kind, d.kind());
        return d;
    }

    // --- 1. configuration word FFFFh: the EN 1434-3 "signature" -----------------------------------------------

    @Test
    void configurationWordFfffIsReadAsUnencryptedAndSaidSo() throws DecodeException {
        // EN 13757-7 §7.6.1: modes 16..31 are reserved; FFFFh would be mode 31 with 15 encrypted blocks
        byte[] frame = rspUd(0x72, HEADER + "FFFF" + TWO_RECORDS);

        DecodeException strict = assertThrows(DecodeException.class, () -> STRICT.decode(frame));
        assertEquals(Reason.BAD_LENGTH, strict.reason());

        Message m = LENIENT.decode(frame);
        assertEquals(2, m.records().size());
        assertEquals(0, new BigDecimal("12345.678").compareTo(m.records().get(0).number().orElseThrow()));
        assertEquals(0, new BigDecimal("28.2").compareTo(m.records().get(1).number().orElseThrow()));
        assertEquals(0, m.security().mode(), "read as unencrypted");
        // the CW is bytes 17..18: 68 L L 68 C A CI, then ID(4) MAN(2) VER DEV ACC STS
        assertEquals(17, only(m, Departure.Kind.RESERVED_SECURITY_MODE).offset());
    }

    // --- 2. VIF 7Bh / 7Dh without the extension bit -------------------------------------------------------------

    @Test
    void vif7bAnd7dWithoutExtensionBitAreUnknownVifsWithRawDataAndDecodingGoesOn() throws DecodeException {
        // EN 13757-3 Table 10: 7Bh/7Dh announce the tables FBh/FDh, so the extension bit must be set
        for (String vif : List.of("7B", "7D")) {
            byte[] frame = rspUd(0x72, HEADER + "0000" + "0C1378563412" + "02" + vif + "3412" + "025A1A01");

            DecodeException strict = assertThrows(DecodeException.class, () -> STRICT.decode(frame));
            assertEquals(Reason.BAD_RECORD, strict.reason());

            Message m = LENIENT.decode(frame);
            assertEquals(3, m.records().size(), "the record after it decodes too");
            var unknown = m.records().get(1);
            assertArrayEquals(new byte[] {0x34, 0x12}, assertInstanceOf(RecordValue.Bytes.class, unknown.value()).bytes());
            assertTrue(unknown.quantity().contains("unknown VIF " + vif + "h"), unknown.quantity());
            assertEquals(Optional.empty(), unknown.cosemUnit());
            assertEquals(0, new BigDecimal("28.2").compareTo(m.records().get(2).number().orElseThrow()));
            // 19 header bytes, the first record's 6, the DIF: the VIF is byte 26
            assertEquals(19 + 6 + 1, only(m, Departure.Kind.VIF_WITHOUT_EXTENSION).offset());
        }
    }

    // --- 3. a reserved DIF after valid records ----------------------------------------------------------------

    @Test
    void aReservedDifKeepsTheRecordsBeforeItAndTheRestAsUndecodedBytes() throws DecodeException {
        // EN 13757-3 Table 6: DIF xFh other than 0Fh, 1Fh, 2Fh, 7Fh is a reserved special function
        byte[] frame = rspUd(0x72, HEADER + "0000" + TWO_RECORDS + "FF010203");

        DecodeException strict = assertThrows(DecodeException.class, () -> STRICT.decode(frame));
        assertEquals(Reason.BAD_RECORD, strict.reason());
        assertEquals(19 + 10, strict.offset());

        Message m = LENIENT.decode(frame);
        assertEquals(2, m.records().size());
        assertArrayEquals(HEX.parseHex("FF010203"), m.data().undecoded());
        Departure d = only(m, Departure.Kind.UNDECODED_RECORDS);
        assertEquals(19 + 10, d.offset());
        assertTrue(d.detail().contains("BAD_RECORD") && d.detail().contains("4 bytes"), d.detail());
    }

    @Test
    void aTruncatedLastRecordIsUndecodedWithItsReason() throws DecodeException {
        // DIF 04h announces 4 data bytes, 2 follow
        byte[] frame = rspUd(0x72, HEADER + "0000" + TWO_RECORDS + "04131234");

        assertEquals(Reason.TRUNCATED, assertThrows(DecodeException.class, () -> STRICT.decode(frame)).reason());
        Message m = LENIENT.decode(frame);
        assertEquals(2, m.records().size());
        assertTrue(only(m, Departure.Kind.UNDECODED_RECORDS).detail().contains("TRUNCATED"));
    }

    // --- 4. OMS mode 5 with records in clear after the encrypted blocks -----------------------------------------

    /** OMS Vol. 2 Annex N.2.1: SND_NR of a gas meter, mode 5, 2 encrypted blocks, without block CRCs. */
    private static final String OMS_N21 =
            "2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3";
    private static final AesKey OMS_N21_KEY = AesKey.fromHex("0102030405060708090A0B0C0D0E0F11");

    private static byte[] withClearRecords(String records) {
        byte[] base = HEX.parseHex(OMS_N21);
        byte[] extra = HEX.parseHex(records);
        byte[] frame = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, frame, base.length, extra.length);
        frame[0] = (byte) (frame.length - 1); // L counts every byte after itself (no CRCs)
        return frame;
    }

    @Test
    void mode5RecordsInClearAfterTheEncryptedBlocksAreParsedInEveryFraming() throws DecodeException {
        byte[] withoutCrcs = withClearRecords("0C1378563412");
        WirelessFrame frame = WirelessFrame.decodeWithoutCrcs(withoutCrcs, 0, withoutCrcs.length);
        for (WirelessFrameFormat format : WirelessFrameFormat.values()) {
            Message m = new MessageDecoder(KeyLookup.always(OMS_N21_KEY)).decode(frame.encode(format));
            assertEquals(Optional.of(format), ((Link.Wireless) m.link()).format());
            assertEquals(4, m.records().size(), "3 decrypted (N.2.1), 1 in clear");
            assertEquals(0, new BigDecimal("28504.27").compareTo(m.records().get(0).number().orElseThrow()));
            assertEquals(0, new BigDecimal("12345.678").compareTo(m.records().get(3).number().orElseThrow()));
        }
        Message m = new MessageDecoder(KeyLookup.always(OMS_N21_KEY)).decode(withoutCrcs);
        assertEquals(Optional.empty(), ((Link.Wireless) m.link()).format());
        assertEquals(4, m.records().size());
        assertTrue(m.isConforming());
    }

    @Test
    void aDefectInTheClearRecordsIsReportedForTheFramingThatFitNotAsFormatATruncated() throws DecodeException {
        // without CRCs the bytes fit no format A frame (TRUNCATED/BAD_CRC there), but they fit the L-field: the
        // defect is the clear record's, 4 data bytes announced and 2 there
        byte[] frame = withClearRecords("0C137856");
        int recordAt = HEX.parseHex(OMS_N21).length;

        DecodeException e = assertThrows(DecodeException.class,
                () -> new MessageDecoder(KeyLookup.always(OMS_N21_KEY)).decode(frame));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(recordAt + 2, e.offset(), "at the record's data, in the frame without CRCs: " + e.getMessage());
        assertTrue(e.getMessage().contains("data bytes"), e.getMessage());

        Message m = MessageDecoder.lenient(KeyLookup.always(OMS_N21_KEY)).decode(frame);
        assertEquals(3, m.records().size());
        assertEquals(recordAt, only(m, Departure.Kind.UNDECODED_RECORDS).offset());
    }

    // --- 5. CI 73h / 77h: the fixed data structure ------------------------------------------------------------

    /** ID 12345678, ACC 2Ah, status 00 (BCD, actual), units kWh (05h) and l (29h), medium heat (0100b), 6531 and 69. */
    private static final String FIXED_LSB = "78563412" + "2A" + "00" + "0569" + "31650000" + "69000000";

    @Test
    void ci73hFixedDataStructureIsDecoded() throws DecodeException {
        // EN 13757-3:2004 §6.2: ident (BCD), access, status, medium/unit (type E), counter 1, counter 2
        byte[] frame = rspUd(0x73, FIXED_LSB);

        Message m = LENIENT.decode(frame);
        FixedDataStructure f = m.fixedData().orElseThrow();
        assertEquals(12345678L, f.identification());
        assertEquals(0x2A, f.accessNumber());
        assertEquals("heat", f.mediumDescription());
        assertEquals("Wh", f.counter1().unit());
        assertEquals(0, new BigDecimal("6531000").compareTo(numeric(f.counter1()).decimal()), "6531 kWh, exactly");
        assertEquals("m^3", f.counter2().unit());
        assertEquals(0, new BigDecimal("0.069").compareTo(numeric(f.counter2()).decimal()), "69 l");
        assertEquals(6, only(m, Departure.Kind.FIXED_DATA_STRUCTURE).offset(), "the CI, after 68 L L 68 C A");

        // a strict decoder keeps EN 13757-3:2013's reading of 73h (compact frame, long header): no fixed data
        assertEquals(Optional.empty(), STRICT.decode(frame).fixedData());
    }

    @Test
    void ci77hIsTheSameStructureMostSignificantByteFirstAndStatusBit0MakesCountersBinary() throws DecodeException {
        // status 01h: counters signed binary; counter 1 = -2 (FFFFFFFEh), counter 2 = 1000 (000003E8h), MSB first
        byte[] frame = rspUd(0x77, "12345678" + "07" + "01" + "6905" + "FFFFFFFE" + "000003E8");

        FixedDataStructure f = LENIENT.decode(frame).fixedData().orElseThrow();
        assertEquals(12345678L, f.identification());
        assertTrue(f.countersBinary());
        assertEquals(0, new BigDecimal("-2000").compareTo(numeric(f.counter1()).decimal()), "-2 kWh");
        assertEquals(0, new BigDecimal("1").compareTo(numeric(f.counter2()).decimal()), "1000 l");
    }

    @Test
    void libmbusPollusonicFrameReadsAsLibmbusReadsIt() throws Exception {
        // libmbus test frame sen_pollusonic_2 (another project's data: read from the corpus, never committed here):
        // Id 90919293, Heat, access 16, 6531 kWh and 69 l
        Path hex = ConformanceCorpus.require("LenientDecodingTest (libmbus sen_pollusonic_2)")
                .resolve("test-frames/sen_pollusonic_2.hex");
        byte[] frame = HEX.parseHex(Files.readString(hex, StandardCharsets.ISO_8859_1).replaceAll("\\s+", ""));

        FixedDataStructure f = LENIENT.decode(frame).fixedData().orElseThrow();
        assertEquals(90919293L, f.identification());
        assertEquals(16, f.accessNumber());
        assertEquals("heat", f.mediumDescription());
        assertEquals(0, new BigDecimal("6531000").compareTo(numeric(f.counter1()).decimal()));
        assertEquals(0, new BigDecimal("0.069").compareTo(numeric(f.counter2()).decimal()));
    }

    private static RecordValue.Numeric numeric(FixedDataStructure.Counter counter) {
        return assertInstanceOf(RecordValue.Numeric.class, counter.value());
    }
}
