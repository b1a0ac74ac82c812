package org.p2gate.mbus.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.testing.TestVectors;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;

/** Whole telegrams from the DSMR and OMS examples, through frame, transport, security and records. */
class MessageDecoderTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** OMS Annex N: the master key of the mode-7 examples (N.2.3, N.2.4). */
    private static final AesKey OMS_MASTER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    private static final AesKey OMS_N21_KEY = AesKey.fromHex(TestVectors.byId("oms-n2.1-mode5-encrypt").at("/inputs/key").asText());
    /** P2 Appendix B1.3: the user key of the example gas meter. */
    private static final AesKey DSMR_B13_KEY = AesKey.fromHex(TestVectors.byId("dsmr-b1.3-mode15-encrypt").at("/inputs/key").asText());

    private static byte[] vectorFrame(String id) {
        return HEX.parseHex(TestVectors.byId(id).at("/expected/frame").asText());
    }

    /** OMS N.2.1/N.2.3/N.2.4 all carry the same meter values: 28504,27 m3 at 31.05.2008 23:50, no error. */
    private static void assertOmsExampleValues(List<DataRecord> records) {
        assertEquals(3, records.size());
        assertEquals(new BigDecimal("28504.27"), records.get(0).number().orElseThrow());
        assertEquals("m^3", records.get(0).unit());
        assertEquals(LocalDateTime.of(2008, 5, 31, 23, 50),
                assertInstanceOf(RecordValue.DateTime.class, records.get(1).value()).dateTime());
        assertEquals(0, assertInstanceOf(RecordValue.Bits.class, records.get(2).value()).bits(), "error flags (FD 17): none");
    }

    @Test
    void omsN21SndNrInMode5DecryptsToTheExampleValues() throws DecodeException {
        Message message = new MessageDecoder(KeyLookup.always(OMS_N21_KEY)).decode(vectorFrame("oms-n2.1-snd-nr-frame"));

        assertEquals(Optional.of(WirelessFrameFormat.A), ((Link.Wireless) message.link()).format());
        assertEquals("12345678 ELS v51 gas (03h)", message.device().orElseThrow().toString());
        assertEquals(5, message.security().mode());
        assertEquals(2, message.security().encryptedBlocks());
        assertOmsExampleValues(message.records());
    }

    @Test
    void aWirelessTelegramWithoutCrcsIsRecognisedAsSuch() throws DecodeException {
        byte[] withoutCrcs = HEX.parseHex(TestVectors.byId("oms-n2.1-snd-nr-frame").at("/inputs/link_data_without_crc").asText());

        Message message = new MessageDecoder(KeyLookup.always(OMS_N21_KEY)).decode(withoutCrcs);

        assertEquals(Optional.empty(), ((Link.Wireless) message.link()).format());
        assertOmsExampleValues(message.records());
    }

    @Test
    void omsN23Mode7VerifiesTheAflMacThenDecryptsWithTheDerivedKey() throws DecodeException {
        Message message = new MessageDecoder(KeyLookup.always(OMS_MASTER_KEY)).decode(vectorFrame("oms-n2.3-snd-nr-frame"));

        TransportLayer transport = message.transport().orElseThrow();
        assertTrue(transport.ell().isPresent(), "ELL 8Ch");
        assertTrue(transport.afl().isPresent(), "AFL 90h");
        assertEquals(7, message.security().mode());
        assertEquals(0x0AB3, message.security().counter().orElseThrow(), "the AFL message counter B3 0A 00 00");
        assertOmsExampleValues(message.records());
    }

    @Test
    void omsN24Mode7ResponseTakesTheMeterFromTheLongHeader() throws DecodeException {
        Message message = new MessageDecoder(KeyLookup.always(OMS_MASTER_KEY)).decode(vectorFrame("oms-n2.4-rsp-ud-frame"));

        assertInstanceOf(LongHeader.class, message.transport().orElseThrow().header().orElseThrow());
        assertEquals("12345678", message.device().orElseThrow().identificationNumber());
        assertEquals(ManufacturerCode.of("ELS"), message.device().orElseThrow().manufacturer());
        assertOmsExampleValues(message.records());
    }

    @Test
    void aTamperedMode7TelegramFailsItsMac() {
        byte[] telegram = HEX.parseHex(TestVectors.byId("oms-n2.3-snd-nr-frame").at("/inputs/link_data_without_crc").asText());
        telegram[telegram.length - 1] ^= 0x01;

        var e = assertThrows(DecodeException.class,
                () -> new MessageDecoder(KeyLookup.always(OMS_MASTER_KEY)).decodeWireless(telegram, 0, telegram.length, Optional.empty()));
        assertEquals(Reason.BAD_MAC, e.reason());
    }

    @Test
    void theWrongKeyLeavesNoFillerAfterDecryption() {
        var e = assertThrows(DecodeException.class,
                () -> new MessageDecoder(KeyLookup.always(OMS_MASTER_KEY)).decode(vectorFrame("oms-n2.1-snd-nr-frame")));
        assertEquals(Reason.BAD_FILLER, e.reason());
    }

    @Test
    void anEncryptedTelegramWithoutAKeyIsNoKeyAtItsEncryptedData() {
        var e = assertThrows(DecodeException.class,
                () -> new MessageDecoder(KeyLookup.NONE).decode(vectorFrame("oms-n2.1-snd-nr-frame")));
        assertEquals(Reason.NO_KEY, e.reason());
        assertEquals(15, e.offset(), "L C M(2) A(6) CI ACC STS CW(2): the encrypted data starts at byte 15 without CRCs");
        assertFalse(e.getMessage().contains(OMS_N21_KEY.toString().substring(0, 4) + "0102"), "no key material");
    }

    /**
     * P2 Appendix B1.3 prints a long header with version 42h but encrypts with an IV holding 40h
     * (vector dsmr-b1.3-mode15-iv, status mismatch). With the header's IV the first block still
     * decrypts to 2F 2F, but byte 6 turns from 0Dh (the equipment identifier's DIF) into 0Fh
     * (manufacturer specific data follows): the frame as printed cannot be read as the document
     * says. With version 40h in the header, every record of the example comes out.
     */
    @Test
    void dsmrB13GasMeterResponseInMode15WithTheVersionItsIvWasMadeWith() throws DecodeException {
        LongFrame printed = (LongFrame) WiredFrame.decode(vectorFrame("dsmr-b1.3-frame-encrypted"));
        byte[] data = printed.data();
        assertEquals(0x42, data[6], "the header's version byte as printed");
        data[6] = 0x40;
        byte[] frame = new LongFrame(printed.c(), printed.address(), printed.ci(), data).encode();

        Message message = new MessageDecoder(KeyLookup.always(DSMR_B13_KEY)).decode(frame);

        assertEquals(15, message.security().mode());
        assertEquals(3, message.security().encryptedBlocks());
        assertEquals(1, message.security().counter().orElseThrow(), "frame counter record 04 FD 08 01 00 00 00");
        List<DataRecord> records = message.records();
        assertTrue(DsmrRecords.isErrorFlags(records.get(0)));
        assertEquals("XXXXX110123456789", assertInstanceOf(RecordValue.Text.class, records.get(1).value()).text());
        assertEquals(LocalDateTime.of(2009, 6, 18, 11, 0),
                assertInstanceOf(RecordValue.DateTime.class, records.get(2).value()).dateTime());
        assertEquals(1, records.get(3).dataInformation().storageNumber(), "the hourly value has storage number 1");
        assertEquals(new BigDecimal("0.391"), records.get(3).number().orElseThrow());
        assertTrue(DsmrRecords.isConfigurationMask(records.get(4)));
        assertTrue(DsmrRecords.isFrameCounter(records.get(5)), "sent in clear after the encrypted part");
    }

    @Test
    void dsmrB13AsPrintedDecryptsButLosesItsRecordsToTheIvError() throws DecodeException {
        Message message = new MessageDecoder(KeyLookup.always(DSMR_B13_KEY)).decode(vectorFrame("dsmr-b1.3-frame-encrypted"));

        assertTrue(message.data().hasManufacturerData(), "0Dh became 0Fh: the rest reads as manufacturer data");
        assertEquals(2, message.records().size(), "error flags, then (after the 0Fh) only the clear frame counter");
    }

    @Test
    void aMode15TelegramWithoutItsFrameCounterRecordIsRejected() {
        ShortId meter = ShortId.of(12345678, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        byte[] encrypted = Mode15Cipher.encrypt(DSMR_B13_KEY, meter, 7, HEX.parseHex("01FD1700"));
        byte[] frame = wired(meter, ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, 1), encrypted);

        var e = assertThrows(DecodeException.class, () -> new MessageDecoder(KeyLookup.always(DSMR_B13_KEY)).decode(frame));
        assertEquals(Reason.BAD_RECORD, e.reason());
        assertEquals(19 + 16, e.offset(), "where the frame counter record should start");
    }

    @Test
    void randomMode15TelegramsRoundTrip() throws DecodeException {
        Random random = new Random(15);
        for (int n = 0; n < 200; n++) {
            byte[] keyBytes = new byte[16];
            random.nextBytes(keyBytes);
            AesKey key = AesKey.of(keyBytes);
            ShortId meter = ShortId.of(random.nextInt(100_000_000), ManufacturerCode.of("NET"), random.nextInt(256),
                    DeviceType.of(random.nextInt(256)));
            long fc = random.nextLong() & 0xFFFF_FFFFL;
            List<DataRecord> records = List.of(DsmrRecords.errorFlags(random.nextInt(256)),
                    DsmrRecords.hourlyGasVolume(random.nextInt(1_000_000)), DsmrRecords.configurationMask(random.nextInt(32)));
            byte[] plain = org.p2gate.mbus.record.DataRecords.encode(records);
            byte[] encrypted = Mode15Cipher.encrypt(key, meter, fc, plain);
            byte[] counter = DsmrRecords.frameCounter(fc).toBytes();
            byte[] data = new byte[encrypted.length + counter.length];
            System.arraycopy(encrypted, 0, data, 0, encrypted.length);
            System.arraycopy(counter, 0, data, encrypted.length, counter.length);

            Message message = new MessageDecoder(KeyLookup.always(key)).decode(
                    wired(meter, ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, encrypted.length / 16), data));

            assertEquals(meter, message.device().orElseThrow());
            assertEquals(fc, message.security().counter().orElseThrow());
            assertEquals(records, message.records().subList(0, 3));
            assertEquals(DsmrRecords.frameCounter(fc), message.records().get(3));
        }
    }

    @Test
    void applicationDataIsKeptForACiWithoutRecords() throws DecodeException {
        ShortId meter = ShortId.of(12345678, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        byte[] alarm = {0x01};
        byte[] fromCi = TransportLayer.of(CiField.of(0x75), Optional.of(LongHeader.of(meter, 1, StatusByte.OK,
                ConfigurationWord.NONE)), alarm.length).encode(alarm);
        byte[] frame = new LongFrame(org.p2gate.mbus.frame.CField.of(0x08), 1, fromCi[0] & 0xFF,
                java.util.Arrays.copyOfRange(fromCi, 1, fromCi.length)).encode();

        Message message = new MessageDecoder(KeyLookup.NONE).decode(frame);

        assertArrayEquals(alarm, message.applicationData());
        assertEquals(List.of(), message.records());
    }

    @Test
    void shortFramesAndTheSingleCharacterHaveNoTransportLayer() throws DecodeException {
        MessageDecoder decoder = new MessageDecoder(KeyLookup.NONE);
        assertEquals(Optional.empty(), decoder.decode(HEX.parseHex("105B015C16")).transport());
        assertEquals(Optional.empty(), decoder.decode(HEX.parseHex("E5")).link().c());
    }

    private static byte[] wired(ShortId meter, ConfigurationWord cw, byte[] data) {
        byte[] fromCi = TransportLayer.of(CiField.RESPONSE_LONG, Optional.of(LongHeader.of(meter, 1, StatusByte.OK, cw)),
                data.length).encode(data);
        return new LongFrame(org.p2gate.mbus.frame.CField.of(0x08), 1, fromCi[0] & 0xFF,
                java.util.Arrays.copyOfRange(fromCi, 1, fromCi.length)).encode();
    }
}
