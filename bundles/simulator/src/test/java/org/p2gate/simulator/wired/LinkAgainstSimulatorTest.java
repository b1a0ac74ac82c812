package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.FoundDevice;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.LinkException;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.ScanResult;
import org.p2gate.mbus.wired.WiredLink;

/**
 * The master's wired link against simulated DSMR meters on a simulated bus segment, all in one
 * virtual time: what the E-meter does at installation and every hour (P2 4.2.2 §4.3, §6, §8.3).
 */
class LinkAgainstSimulatorTest {

    private static final Instant START = Instant.parse("2026-11-21T10:30:00Z");
    private static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    private static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");

    private final VirtualScheduler time = new VirtualScheduler(START);
    private SimulatedBusSegment bus;
    private WiredLink link;

    @BeforeEach
    void busWithLink() throws Exception {
        InMemoryTransport[] wire = InMemoryTransport.pair(time);
        bus = SimulatedBusSegment.dsmr(time, wire[1]);
        link = new WiredLink(wire[0], time, LinkSettings.dsmr());
        await(link.open());
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        time.runUntilIdle(Duration.ofHours(1));
        assertTrue(future.isDone(), "done within the virtual hour");
        return future.get();
    }

    private static DsmrMeter gasMeter(int identification, int address) {
        ShortId id = ShortId.of(identification, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        return DsmrGasMeter.builder(id, Register.linear(START, 1_000, 250)).defaultKey(DEFAULT_KEY)
                .primaryAddress(address).seed(identification).build();
    }

    @Test
    void theMasterLeavesThirtyThreeBitTimesOfLineIdleAfterAnAnswerBeforeItsNextFrame() throws Exception {
        // IEC 60870-5-1 FT1.2 (the frames of EN 13757-2): frames are separated by at least 33 bit times of line idle;
        // issue 16 saw the next frame 0.4 ms after a meter's last byte. Requests queued back to back:
        bus.attach(gasMeter(11111111, 5));
        bus.attach(gasMeter(22222222, 6));
        List<CompletableFuture<?>> all = List.of(link.sndNke(5), link.reqUd2(5), link.sndNke(6), link.reqUd2(6),
                link.reqUd2(5), link.reqUd2(6));
        await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));

        Duration idle = bus.shortestIdleBeforeRequest().orElseThrow();
        Duration thirtyThreeBits = Duration.ofNanos(13_750_000); // 33 bits at 2400 Bd
        assertTrue(idle.compareTo(thirtyThreeBits) >= 0, "idle " + idle + " before a request");
        assertTrue(idle.compareTo(thirtyThreeBits.plusMillis(1)) < 0, "and not much more: " + idle);
        assertEquals(6, bus.requestsHeard());
    }

    @Test
    void aScanFindsTheMetersAtTheirAddressesAndNothingElse() throws Exception {
        bus.attach(gasMeter(11111111, 0));
        bus.attach(gasMeter(22222222, 17));
        bus.attach(gasMeter(33333333, 250));

        List<Integer> probed = new java.util.ArrayList<>();
        ScanResult result = await(link.scan(0, 250, (address, index, total) -> probed.add(address)));

        assertEquals(251, result.probed());
        assertEquals(251, probed.size(), "progress for every address");
        assertEquals(List.of(0, 17, 250), result.found().stream().map(FoundDevice::address).toList());
        assertEquals(List.of(), result.unreadable());
    }

    @Test
    void anHourlyReadDecodesToTheMetersRecords() throws Exception {
        bus.attach(gasMeter(23456789, 5));
        time.advance(Duration.ofMinutes(30)); // to 11:00, the whole hour

        LongFrame answer = await(link.reqUd2(5));
        Message message = new MessageDecoder(KeyLookup.NONE).decodeWired(answer.encode(), 0, answer.encodedLength());

        assertEquals("23456789", message.device().orElseThrow().identificationNumber());
        assertEquals(0, message.security().mode(), "no user key yet: unencrypted (P2 §5)");
        var hourly = message.records().stream().filter(r -> r.dataInformation().storageNumber() == 1
                && r.number().isPresent()).findFirst().orElseThrow();
        assertEquals(new BigDecimal("1.125"), hourly.number().orElseThrow(),
                "1000 l at 10:30 + 250 l/h, at the last whole hour (11:00), in m^3");
    }

    @Test
    void setPrimaryAddressMovesAnUnconfiguredMeter() throws Exception {
        bus.attach(gasMeter(23456789, 0));

        await(link.setPrimaryAddress(0, 9));

        assertEquals(9, await(link.reqUd2(9)).address());
    }

    /** P2 §6.5.1: the user key, wrapped with the default key, in DIF 07/47 FD 19 records (CI 51h). */
    @Test
    void afterAKeyTransferTheMeterAnswersInMode15WithARisingFrameCounter() throws Exception {
        bus.attach(gasMeter(23456789, 5));
        byte[] records = DataRecords.encode(DsmrRecords.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, USER_KEY)));
        await(link.sndUd(5, 0x51, records));

        MessageDecoder decoder = new MessageDecoder(KeyLookup.always(USER_KEY));
        LongFrame first = await(link.reqUd2(5));
        LongFrame second = await(link.reqUd2(5));
        Message one = decoder.decodeWired(first.encode(), 0, first.encodedLength());
        Message two = decoder.decodeWired(second.encode(), 0, second.encodedLength());

        assertEquals(15, one.security().mode());
        assertEquals(one.security().counter().orElseThrow() + 1, two.security().counter().orElseThrow(),
                "the meter counts +1 per sent message (P2 §5.2)");
    }

    @Test
    void aMissedAnswerIsRepeatedAndTheReadSucceeds() throws Exception {
        DsmrMeter meter = gasMeter(23456789, 5);
        bus.attach(meter);
        bus.injectFault(meter, new Fault.NoAnswer(), 1);

        LongFrame answer = await(link.reqUd2(5));

        assertEquals(5, answer.address());
        assertEquals(2, link.statistics().attempts(), "one repetition");
        assertEquals(1, link.statistics().noAnswers());
    }

    /**
     * EN 13757-2: an answer that starts after 330 bit times + 50 ms is no answer; the request is
     * repeated. (With a long RSP_UD the late bytes would still be on the wire during the repetition
     * and collide with its answer; the one-byte E5h shows the rule alone.)
     */
    @Test
    void aLateAnswerCountsAsNoneAndTheRepetitionIsAnswered() throws Exception {
        DsmrMeter meter = gasMeter(23456789, 5);
        bus.attach(meter);
        bus.injectFault(meter, new Fault.LateAnswer(Duration.ofMillis(1)), 1);

        await(link.sndNke(5));

        assertEquals(2, link.statistics().attempts());
        assertEquals(1, link.statistics().noAnswers(), "the late E5h is not taken as the answer");
    }

    /** The latest start EN 13757-2 allows is still an answer. */
    @Test
    void anAnswerStartingAtTheLatestAllowedMomentIsTaken() throws Exception {
        DsmrMeter meter = gasMeter(23456789, 5);
        bus.attach(meter, bus.timing().maxResponseDelay().minus(bus.timing().minResponseDelay()));

        LongFrame answer = await(link.reqUd2(5));

        assertEquals(5, answer.address());
        assertEquals(1, link.statistics().attempts());
    }

    @Test
    void aFlippedBitFailsTheChecksumAndTheRepetitionIsRead() throws Exception {
        DsmrMeter meter = gasMeter(23456789, 5);
        bus.attach(meter);
        bus.injectFault(meter, new Fault.BitFlip(20, 0x04), 1);

        LongFrame answer = await(link.reqUd2(5));

        assertEquals(5, answer.address());
        assertEquals(1, link.statistics().badChecksums());
        assertEquals(2, link.statistics().attempts());
    }

    @Test
    void aTruncatedAnswerIsRepeatedAndAPersistentFaultIsReportedAsTruncated() throws Exception {
        DsmrMeter meter = gasMeter(23456789, 5);
        bus.attach(meter);
        bus.injectFault(meter, new Fault.Truncated(10), 3);

        var failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(link.reqUd2(5)));

        LinkException cause = assertInstanceOf(LinkException.class, failure.getCause());
        assertEquals(LinkException.Kind.INVALID_ANSWER, cause.kind(), cause.toString());
        assertEquals(org.p2gate.mbus.Reason.TRUNCATED, cause.reason().orElseThrow());
        assertEquals(3, link.statistics().attempts(), "one attempt and the two repetitions EN 13757-2 allows");
        assertEquals(5, await(link.reqUd2(5)).address(), "the link recovers for the next request");
    }

    /** Sends a frame built for the wire through the link's SND_UD (C 53h, its address, CI and data). */
    private CompletableFuture<Void> sndUd(byte[] frame) throws Exception {
        LongFrame f = (LongFrame) org.p2gate.mbus.frame.WiredFrame.decode(frame);
        return link.sndUd(f.address(), f.ci(), f.data());
    }

    private DsmrMeter meterWithUserKey(int address) throws Exception {
        DsmrMeter meter = gasMeter(23456789, address);
        bus.attach(meter);
        await(link.sndUd(address, 0x51, DataRecords.encode(DsmrRecords.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, USER_KEY)))));
        return meter;
    }

    /** P2 §5.2: the meter owns the frame counter; the master learns it from an RSP_UD and sends above it. */
    private long nextMasterCounter(int address) throws Exception {
        LongFrame answer = await(link.reqUd2(address));
        return new MessageDecoder(KeyLookup.always(USER_KEY)).decodeWired(answer.encode(), 0, answer.encodedLength())
                .security().counter().orElseThrow() + 1;
    }

    private static ShortId meterId() {
        return ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    }

    /** P2 §4.3.3, §5.2, §6.2.3: an encrypted SND_UD (CI 5Ah) with a fresh master frame counter clears the status. */
    @Test
    void anEncryptedClearStatusIsAcknowledgedAndClearsTheNonPermanentBits() throws Exception {
        DsmrMeter meter = meterWithUserKey(5);
        meter.raiseStatus(0x7F);

        await(sndUd(MasterRequests.sndUdControlEncrypted(5, 1, USER_KEY, meterId(), nextMasterCounter(5),
                List.of(DsmrRecords.clearStatus(0x73)))));

        assertEquals(0x7F & ~0x73, meter.status(), "power low (2) and permanent error (3) stay");
    }

    /** P2 §5.2: a command whose frame counter is not above the last one the meter validated gets no answer. */
    @Test
    void aReplayedMasterFrameCounterIsIgnoredByTheMeter() throws Exception {
        meterWithUserKey(5);
        long fc = nextMasterCounter(5);
        await(sndUd(MasterRequests.sndUdControlEncrypted(5, 1, USER_KEY, meterId(), fc,
                List.of(DsmrRecords.clearStatus(0x73)))));

        var failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(sndUd(
                MasterRequests.sndUdControlEncrypted(5, 2, USER_KEY, meterId(), fc, List.of(DsmrRecords.clearStatus(0x73))))));

        assertEquals(LinkException.Kind.NO_ANSWER, assertInstanceOf(LinkException.class, failure.getCause()).kind(),
                "the master must then resynchronise with REQ_UD2 (§5.2)");
    }

    /** P2 §4.3.4, §6.2.1: clock synchronisation, CI 6Ch with the meter's Short ID, in mode 15. */
    @Test
    void clockSynchronisationSetsTheMetersClock() throws Exception {
        DsmrMeter meter = meterWithUserKey(5);
        java.time.LocalDateTime utc = java.time.LocalDateTime.ofInstant(time.now(), java.time.ZoneOffset.UTC)
                .plusMinutes(2).withNano(0);

        await(sndUd(MasterRequests.clockSyncEncrypted(5, meterId(), 1, utc, USER_KEY, nextMasterCounter(5))));

        java.time.Duration off = java.time.Duration.between(utc, meter.clock(time.now()));
        assertTrue(off.abs().compareTo(java.time.Duration.ofSeconds(1)) <= 0, "set to the master's time: " + off);
    }

    @Test
    void twoMetersOnOneAddressCollide() {
        bus.attach(gasMeter(11111111, 3));
        bus.attach(gasMeter(22222222, 3));

        var failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(link.reqUd2(3)));

        LinkException cause = assertInstanceOf(LinkException.class, failure.getCause());
        assertTrue(cause.kind() == LinkException.Kind.COLLISION || cause.kind() == LinkException.Kind.INVALID_ANSWER,
                cause.toString());
    }
}
