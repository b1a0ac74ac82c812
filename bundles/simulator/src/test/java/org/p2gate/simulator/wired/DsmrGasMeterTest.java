package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.simulator.wired.MasterRequests.hex;
import static org.p2gate.simulator.wired.MasterRequests.onTheWire;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.dsmr.Medium;
import org.p2gate.mbus.dsmr.MessageRules;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.SingleCharacter;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Link;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.Direction;
import org.p2gate.mbus.transport.LongHeader;

/** The DSMR 4.2.2 wired gas meter against P2 4.2.2 Table 5, §5 and §6, and the Appendix B examples. */
class DsmrGasMeterTest {

    /** P2 Appendix B: default key and user key of the examples. */
    static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    /** B1.3: 09.06.18 11:00:00, read 20 minutes later. */
    static final Instant HOUR = Instant.parse("2009-06-18T11:00:00Z");
    static final Instant NOW = HOUR.plus(Duration.ofMinutes(20));

    private static DsmrMeter.Builder appendixB() {
        return DsmrGasMeter.appendixB(HOUR).defaultKey(DEFAULT_KEY);
    }

    private static Optional<byte[]> send(DsmrMeter meter, byte[] request) {
        return meter.answer(onTheWire(request), NOW);
    }

    private static Message decode(byte[] answer, AesKey key) {
        try {
            return new MessageDecoder(KeyLookup.always(key)).decode(answer);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    private static Message rspUd(DsmrMeter meter, int address, AesKey key) {
        byte[] answer = send(meter, MasterRequests.reqUd2(address)).orElseThrow();
        return decode(answer, key);
    }

    private static LongHeader header(Message m) {
        return (LongHeader) m.transport().orElseThrow().header().orElseThrow();
    }

    private static boolean isE5(Optional<byte[]> answer) {
        return answer.isPresent() && Arrays.equals(answer.get(), new byte[] {(byte) 0xE5});
    }

    /** A meter at address 1 with the Appendix B user key set (as after B1.1). */
    private static DsmrMeter keyed(long frameCounter) {
        return appendixB().primaryAddress(1).userKey(USER_KEY).frameCounter(frameCounter).build();
    }

    // --- addressing ---

    @Test
    void unconfiguredMeterAnswersAtAddressZeroOnly() {
        DsmrMeter meter = appendixB().build();
        assertEquals(0, meter.primaryAddress());
        assertTrue(send(meter, MasterRequests.reqUd2(0)).isPresent());
        assertTrue(send(meter, MasterRequests.reqUd2(1)).isEmpty());
    }

    @Test
    void addressesAbove250AndSecondaryAddressingAreIgnored() {
        DsmrMeter meter = appendixB().build();
        for (int a = 251; a <= 255; a++) {
            assertTrue(send(meter, MasterRequests.sndNke(a)).isEmpty(), "address " + a);
            assertTrue(send(meter, MasterRequests.reqUd2(a)).isEmpty(), "address " + a);
        }
    }

    // --- Table 5, row by row ---

    @Test
    void table5Row1SndNkeIsAcknowledgedWithE5() {
        DsmrMeter meter = appendixB().primaryAddress(7).build();
        byte[] answer = send(meter, MasterRequests.sndNke(7)).orElseThrow();
        Message m = decode(answer, AesKey.ZERO);
        assertInstanceOf(SingleCharacter.class, ((Link.Wired) m.link()).frame());
    }

    @Test
    void table5Row2ReqUd2WithoutUserKeyIsAClearRspUdWithTheAppendixBRecords() {
        DsmrMeter meter = appendixB().primaryAddress(1).accessNumber(0xF5).build();
        byte[] answer = send(meter, MasterRequests.reqUd2(1)).orElseThrow();
        Message m = decode(answer, AesKey.ZERO);
        LongFrame frame = (LongFrame) ((Link.Wired) m.link()).frame();
        assertEquals(0x08, frame.c().value());
        assertEquals(1, frame.address());
        assertEquals(0x72, frame.ci());
        LongHeader h = header(m);
        assertEquals(meter.shortId(), h.deviceId());
        assertEquals("23456789", h.deviceId().identificationNumber());
        assertEquals(0xF6, h.accessNumber()); // B1.3: ACC F6
        assertEquals(0, h.status().value()); // §4.2.5
        assertEquals(ConfigurationWord.NONE, h.configuration()); // §4.3.2: no user key → CW 0
        assertFalse(m.security().isEncrypted());
        List<DataRecord> r = m.records();
        assertEquals(5, r.size());
        assertEquals(DsmrRecords.errorFlags(0), r.get(0));
        assertEquals(new RecordValue.Text("XXXXX110123456789"), r.get(1).value());
        assertEquals(new RecordValue.DateTime(LocalDateTime.parse("2009-06-18T11:00:00"), false), r.get(2).value());
        assertEquals(1, r.get(2).dataInformation().storageNumber());
        assertEquals(0, new BigDecimal("0.391").compareTo(r.get(3).number().orElseThrow()));
        assertEquals(1, r.get(3).dataInformation().storageNumber()); // §6.1: storage bit = hourly value
        assertEquals(DsmrRecords.configurationMask(0x05), r.get(4));
    }

    @Test
    void clearRecordsAreTheAppendixB13PlaintextWithTheDayOfWeekFilledIn() {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        Message m = rspUd(meter, 1, AesKey.ZERO);
        // vector dsmr-b1.3-mode15-encrypt plaintext without the 2F fillers. B1.3 codes the hour byte 0Bh
        // (day of week 0); §6.2.1's footnote asks for the day of week, and 2009-06-18 is a Thursday (4):
        // 4 << 5 | 11 = 8Bh. That one byte is the only difference.
        String printed = "01FD1700" + "0D78113938373635343332313031315858585858" + "466D00000B321600" + "4C1391030000"
                + "01FD6705";
        String expected = printed.replace("466D00000B321600", "466D00008B321600");
        assertEquals(expected, hex(m.applicationData()));
    }

    @Test
    void table5Row3ControlMessageInClearSelectsTheReadoutListWhileNoUserKey() {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        byte[] request = MasterRequests.sndUdControlClear(1, 1,
                List.of(DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x17))));
        assertTrue(isE5(send(meter, request)));
        List<DataRecord> r = rspUd(meter, 1, AesKey.ZERO).records();
        assertEquals(List.of(DsmrRecords.errorFlags(0)), r);
    }

    @Test
    void table5Row4ClockSynchronisationInClearSetsTheClockWhileNoUserKey() {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        LocalDateTime utc = LocalDateTime.parse("2009-06-18T11:20:30");
        assertTrue(isE5(send(meter, MasterRequests.clockSyncClear(1, meter.shortId(), 9, utc))));
        assertEquals(utc, meter.clock(NOW));
        assertEquals(0, meter.status()); // 30 s: within the 60 s of §6.2.1
    }

    @Test
    void table5Row5SetAddressMovesTheMeterToTheNewAddress() {
        DsmrMeter meter = appendixB().build();
        assertTrue(isE5(send(meter, MasterRequests.sndUdUnencrypted(0, List.of(DsmrRecords.setAddress(5))))));
        assertEquals(5, meter.primaryAddress());
        assertTrue(send(meter, MasterRequests.reqUd2(0)).isEmpty());
        assertEquals(5, ((LongFrame) ((Link.Wired) rspUd(meter, 5, AesKey.ZERO).link()).frame()).address());
    }

    @Test
    void table5Row6ReqUd1IsAcknowledgedWithE5() {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        assertTrue(isE5(send(meter, MasterRequests.shortFrame(0x5A, 1))));
        assertTrue(isE5(send(meter, MasterRequests.shortFrame(0x7A, 1)))); // §3.1.2: the FCB is ignored
    }

    @Test
    void table5Row7ReqSkeIsAnsweredWithRspSke() {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        byte[] answer = send(meter, MasterRequests.shortFrame(0x59, 1)).orElseThrow();
        ShortFrame f = (ShortFrame) ((Link.Wired) decode(answer, AesKey.ZERO).link()).frame();
        assertEquals(0x0B, f.c().value());
        assertEquals(1, f.address());
    }

    @Test
    void everyCombinationTable5DoesNotListGetsNoAnswer() throws DecodeException {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        byte[] someData = DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x17)).toBytes();
        int refused = 0;
        for (int c = 0; c < 256; c++) {
            if (!MessageRules.isAllowed(Medium.WIRED, Direction.TO_DEVICE, c, MessageRules.NO_CI)) {
                assertTrue(send(meter, MasterRequests.shortFrame(c, 1)).isEmpty(), "short frame C " + c);
                refused++;
            }
            for (int ci = 0; ci < 256; ci++) {
                if (!MessageRules.isAllowed(Medium.WIRED, Direction.TO_DEVICE, c, ci)) {
                    assertTrue(send(meter, MasterRequests.longFrame(c, 1, ci, someData)).isEmpty(), "C " + c + " CI " + ci);
                    refused++;
                }
            }
        }
        assertEquals(refused, meter.rejectedRequests());
        // and the allowed ones still work afterwards
        assertTrue(isE5(send(meter, MasterRequests.sndNke(1))));
    }

    // --- access number and frame counter ---

    @Test
    void accessNumberGoesUpByOnePerAnswerAndWrapsAfterFFh() {
        DsmrMeter meter = appendixB().primaryAddress(1).accessNumber(0xFE).build();
        assertEquals(0xFF, header(rspUd(meter, 1, AesKey.ZERO)).accessNumber());
        assertEquals(0x00, header(rspUd(meter, 1, AesKey.ZERO)).accessNumber());
        assertEquals(0x01, header(rspUd(meter, 1, AesKey.ZERO)).accessNumber());
    }

    @Test
    void accessNumberAndFrameCounterStartAtRandomValuesPerDevice() {
        DsmrMeter a = appendixB().seed(1).build();
        DsmrMeter b = appendixB().seed(2).build();
        assertTrue(a.accessNumber() != b.accessNumber() || a.frameCounter() != b.frameCounter());
        assertTrue(a.frameCounter() > 0);
    }

    @Test
    void appendixB13EncryptedAnswerHasThePrintedHeaderCounterAndPlaintext() {
        DsmrMeter meter = appendixB().primaryAddress(1).userKey(USER_KEY).frameCounter(0).accessNumber(0xF5).build();
        byte[] answer = send(meter, MasterRequests.reqUd2(1)).orElseThrow();
        // vector dsmr-b1.3-checksum-encrypted: C A CI, Short ID, ACC F6, STS 00, CW 30 0F
        assertEquals("08017289674523B4384203F600300F", hex(Arrays.copyOfRange(answer, 4, 19)));
        // the frame counter record in clear after the 48 encrypted bytes: 04 FD 08 01 00 00 00
        assertEquals("04FD0801000000", hex(Arrays.copyOfRange(answer, 19 + 48, 19 + 48 + 7)));
        assertEquals(0x46, answer[1]); // vector dsmr-b1.3-frame-encrypted: L = 46h (printed 3Fh is wrong)
        Message m = decode(answer, USER_KEY);
        assertEquals(15, m.security().mode());
        assertEquals(1, m.security().counter().getAsLong());
        // vector dsmr-b1.3-mode15-encrypt plaintext, with the day of week filled in (see the clear test)
        assertEquals("2F2F01FD17000D78113938373635343332313031315858585858466D00008B3216004C139103000001FD67052F2F2F2F"
                + "04FD0801000000", hex(m.applicationData()));
    }

    @Test
    void frameCounterGoesUpByOnePerEncryptedAnswer() {
        DsmrMeter meter = keyed(1000);
        for (long expected = 1001; expected <= 1005; expected++) {
            Message m = rspUd(meter, 1, USER_KEY);
            assertEquals(expected, m.security().counter().getAsLong());
            assertEquals(expected, meter.frameCounter());
        }
    }

    // --- key exchange ---

    @Test
    void keyExchangeWithTheAppendixB11RecordsSwitchesAnswersToMode15() {
        DsmrMeter meter = appendixB().primaryAddress(1).frameCounter(41).build();
        byte[] request = MasterRequests.sndUdUnencrypted(1, DsmrRecords.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, USER_KEY)));
        // vector dsmr-b1.1-frame (checksum 8Eh computed; the document prints 4Eh)
        assertEquals("6819196853015107FD1903E0EED1F68E9B8F47FD195E1372754AB79F278E16", hex(request));
        assertTrue(isE5(send(meter, request)));
        assertTrue(meter.hasUserKey());
        Message m = rspUd(meter, 1, USER_KEY);
        assertEquals(15, header(m).configuration().mode());
        assertEquals(42, m.security().counter().getAsLong());
        assertEquals(6, m.records().size()); // five records and the clear frame counter record
        assertTrue(DsmrRecords.isFrameCounter(m.records().get(5)));
        assertEquals(new RecordValue.Text("XXXXX110123456789"), m.records().get(1).value());
    }

    @Test
    void anEncryptedAnswerDoesNotDecryptWithTheDefaultKey() {
        DsmrMeter meter = keyed(5);
        byte[] answer = send(meter, MasterRequests.reqUd2(1)).orElseThrow();
        DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> new MessageDecoder(KeyLookup.always(DEFAULT_KEY)).decode(answer));
        assertEquals(org.p2gate.mbus.Reason.BAD_FILLER, e.reason());
    }

    @Test
    void keyChangeIsAcceptedUnencryptedWhileAUserKeyIsSet() {
        DsmrMeter meter = keyed(5);
        AesKey next = AesKey.fromHex("FFEEDDCCBBAA99887766554433221100");
        assertTrue(isE5(send(meter, MasterRequests.sndUdUnencrypted(1, DsmrRecords.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, next))))));
        assertEquals(6, rspUd(meter, 1, next).security().counter().getAsLong()); // §5.2: never reset by a key change
    }

    @Test
    void allZeroUserKeySwitchesEncryptionOff() {
        DsmrMeter meter = keyed(5);
        assertTrue(isE5(send(meter, MasterRequests.sndUdUnencrypted(1,
                DsmrRecords.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, AesKey.ZERO))))));
        assertFalse(meter.hasUserKey());
        assertEquals(ConfigurationWord.NONE, header(rspUd(meter, 1, AesKey.ZERO)).configuration());
    }

    // --- encrypted commands and the master's frame counter (§5.2) ---

    @Test
    void encryptedControlWithAHigherCounterIsAcceptedAndBecomesTheValidatedCounter() {
        DsmrMeter meter = keyed(100);
        byte[] request = MasterRequests.sndUdControlEncrypted(1, 1, USER_KEY, meter.shortId(), 101,
                List.of(DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x17))));
        assertTrue(isE5(send(meter, request)));
        assertEquals(101, meter.frameCounter());
        Message m = rspUd(meter, 1, USER_KEY);
        assertEquals(102, m.security().counter().getAsLong());
        assertEquals(DsmrRecords.errorFlags(0), m.records().get(0));
    }

    @Test
    void replayedOrOlderMasterCounterIsIgnoredWithoutAnswer() {
        DsmrMeter meter = keyed(100);
        List<DataRecord> select = List.of(DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x17)));
        byte[] first = MasterRequests.sndUdControlEncrypted(1, 1, USER_KEY, meter.shortId(), 150, select);
        assertTrue(isE5(send(meter, first)));
        assertTrue(isE5(send(meter, MasterRequests.sndNke(1))));
        assertTrue(send(meter, first).isEmpty(), "the same message again is a replay");
        assertTrue(meter.readoutSelection().isEmpty());
        byte[] older = MasterRequests.sndUdControlEncrypted(1, 2, USER_KEY, meter.shortId(), 120, select);
        assertTrue(send(meter, older).isEmpty());
        assertEquals(150, meter.frameCounter());
    }

    @Test
    void encryptedControlWithTheWrongKeyIsIgnoredAndLeavesTheCounter() {
        DsmrMeter meter = keyed(100);
        byte[] request = MasterRequests.sndUdControlEncrypted(1, 1, DEFAULT_KEY, meter.shortId(), 101,
                List.of(DsmrRecords.clearStatus(0x73)));
        assertTrue(send(meter, request).isEmpty());
        assertEquals(100, meter.frameCounter());
    }

    @Test
    void unencryptedCommandsAreRefusedOnceAUserKeyIsSet() {
        DsmrMeter meter = keyed(100);
        assertTrue(send(meter, MasterRequests.sndUdControlClear(1, 1,
                List.of(DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x17))))).isEmpty());
        LocalDateTime before = meter.clock(NOW);
        assertTrue(send(meter, MasterRequests.clockSyncClear(1, meter.shortId(), 1, before.plusHours(1))).isEmpty());
        assertEquals(before, meter.clock(NOW));
        assertTrue(meter.readoutSelection().isEmpty());
    }

    // --- set address ---

    @Test
    void setAddressIsRefusedOnceAUserKeyIsSet() {
        DsmrMeter meter = keyed(100);
        assertTrue(send(meter, MasterRequests.sndUdUnencrypted(1, List.of(DsmrRecords.setAddress(9)))).isEmpty());
        // §6.2.2: not even encrypted
        assertTrue(send(meter, MasterRequests.sndUdControlEncrypted(1, 1, USER_KEY, meter.shortId(), 101,
                List.of(DsmrRecords.setAddress(9)))).isEmpty());
        assertEquals(1, meter.primaryAddress());
    }

    @Test
    void setAddressIsAcceptedAgainAfterTheUserKeyIsSetToZero() {
        DsmrMeter meter = keyed(100);
        send(meter, MasterRequests.sndUdUnencrypted(1, DsmrRecords.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, AesKey.ZERO))));
        assertTrue(isE5(send(meter, MasterRequests.sndUdUnencrypted(1, List.of(DsmrRecords.setAddress(9))))));
        assertEquals(9, meter.primaryAddress());
    }

    // --- readout list ---

    @Test
    void readoutSelectionOfVersionsAsInB12AndSndNkeResetsIt() {
        DsmrMeter meter = keyed(100);
        byte[] select = MasterRequests.sndUdControlEncrypted(1, 1, USER_KEY, meter.shortId(), 101, List.of(
                DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x0D)),
                DsmrRecords.readoutSelection(ValueInformationBlock.of(0xFD, 0x0E))));
        assertTrue(isE5(send(meter, select)));
        List<DataRecord> r = rspUd(meter, 1, USER_KEY).records();
        assertEquals(3, r.size()); // two version records, then the clear frame counter
        assertEquals(Map.of("met", "PCB1.0", "com", "p2gate simulator"), DsmrRecords.versionPropertiesOf(r.get(0)).orElseThrow());
        assertEquals(Map.of("met", "FW1.0"), DsmrRecords.versionPropertiesOf(r.get(1)).orElseThrow());
        assertEquals(r.subList(0, 2), rspUd(meter, 1, USER_KEY).records().subList(0, 2), "the selection stays until reset");
        assertTrue(isE5(send(meter, MasterRequests.sndNke(1))));
        assertEquals(6, rspUd(meter, 1, USER_KEY).records().size(), "SND_NKE restores the default list (§6.3.2)");
    }

    // --- clock and status ---

    @Test
    void clockSynchronisationBeyondSixtySecondsSetsStatusBit5AndTakesTheTime() {
        DsmrMeter meter = keyed(100);
        LocalDateTime utc = LocalDateTime.parse("2009-06-18T11:21:01"); // device reads 11:20:00: 61 s
        assertTrue(isE5(send(meter, MasterRequests.clockSyncEncrypted(1, meter.shortId(), 1, utc, USER_KEY, 101))));
        assertEquals(DsmrMeter.STATUS_CLOCK_ERROR, meter.status());
        assertEquals(0x20, meter.status()); // §6.2.3 bit 5
        assertEquals(utc, meter.clock(NOW));
        assertEquals(DsmrRecords.errorFlags(0x20), rspUd(meter, 1, USER_KEY).records().get(0));
    }

    @Test
    void clockSynchronisationOfExactlySixtySecondsIsNoError() {
        DsmrMeter meter = keyed(100);
        LocalDateTime utc = LocalDateTime.parse("2009-06-18T11:19:00");
        assertTrue(isE5(send(meter, MasterRequests.clockSyncEncrypted(1, meter.shortId(), 1, utc, USER_KEY, 101))));
        assertEquals(0, meter.status());
        assertEquals(utc, meter.clock(NOW));
    }

    @Test
    void clockSynchronisationForAnotherShortIdIsIgnored() {
        DsmrMeter meter = keyed(100);
        DsmrMeter other = DsmrGasMeter.builder(
                org.p2gate.mbus.transport.ShortId.of(11111111, meter.shortId().manufacturer(), 0x42,
                        meter.shortId().deviceType()), Register.constant(0)).build();
        assertTrue(send(meter, MasterRequests.clockSyncEncrypted(1, other.shortId(), 1,
                LocalDateTime.parse("2010-01-01T00:00:00"), USER_KEY, 101)).isEmpty());
    }

    @Test
    void hourlyValueFollowsTheDeviceClocksLastWholeHour() {
        DsmrMeter meter = appendixB().primaryAddress(1).build();
        Instant later = NOW.plus(Duration.ofHours(3));
        Message m = decode(meter.answer(onTheWire(MasterRequests.reqUd2(1)), later).orElseThrow(), AesKey.ZERO);
        assertEquals(new RecordValue.DateTime(LocalDateTime.parse("2009-06-18T14:00:00"), false), m.records().get(2).value());
        assertEquals(0, new BigDecimal("0.691").compareTo(m.records().get(3).number().orElseThrow())); // 391 + 3 × 100 l
    }

    @Test
    void clearStatusClearsTheNonPermanentBitsOfMask73h() {
        DsmrMeter meter = keyed(100);
        meter.raiseStatus(0x7F);
        assertTrue(isE5(send(meter, MasterRequests.sndUdControlEncrypted(1, 1, USER_KEY, meter.shortId(), 101,
                List.of(DsmrRecords.clearStatus(DsmrRecords.CLEAR_STATUS_MASK))))));
        // §6.2.3: bits 2 (power low) and 3 (permanent error) are permanent and stay
        assertEquals(0x0C, meter.status());
        assertEquals(DsmrRecords.errorFlags(0x0C), rspUd(meter, 1, USER_KEY).records().get(0));
    }

    @Test
    void keysNeverAppearInTheDescription() {
        DsmrMeter meter = keyed(1);
        assertFalse(meter.describe().contains("0001020304"));
        assertTrue(meter.describe().contains("23456789"));
    }
}
