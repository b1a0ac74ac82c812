package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.WiredTransport;

/** The wired segment's byte-time model, fault injection and collisions, in virtual time. */
class SimulatedBusSegmentTest {

    static final Instant START = Instant.parse("2024-03-01T10:15:00Z");
    static final WireTiming T = WireTiming.DSMR;

    VirtualScheduler scheduler;
    InMemoryTransport master;
    SimulatedBusSegment segment;
    final List<Integer> received = new ArrayList<>();
    final List<Long> receivedAt = new ArrayList<>();

    @BeforeEach
    void wire() throws IOException {
        scheduler = new VirtualScheduler(START);
        InMemoryTransport[] pair = InMemoryTransport.pair(scheduler);
        master = pair[0];
        master.open(new WiredTransport.Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    received.add(bytes[offset + i] & 0xFF);
                    receivedAt.add(scheduler.nanos());
                }
            }

            @Override
            public void failed(IOException cause) {}
        });
        segment = SimulatedBusSegment.dsmr(scheduler, pair[1]);
    }

    static DsmrMeter meter(int address, int access) {
        return DsmrGasMeter.appendixB(START).primaryAddress(address).accessNumber(access).build();
    }

    /** Sends at the current virtual time, then runs the bus for a second. */
    long request(byte[] bytes) throws IOException {
        long sent = scheduler.nanos();
        master.send(bytes);
        scheduler.advance(Duration.ofSeconds(1));
        return sent;
    }

    byte[] receivedBytes() {
        byte[] out = new byte[received.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) received.get(i);
        }
        return out;
    }

    // --- the byte-time model ---

    @Test
    void wireTimesAt2400BaudAre11BitsPerByte() {
        assertEquals(4_583_333L, T.bytesToNanos(1)); // 11 / 2400 s
        assertEquals(4_583_333L, T.minResponseDelay().toNanos()); // 11 bit times
        assertEquals(187_500_000L, T.maxResponseDelay().toNanos()); // 330 / 2400 s + 50 ms
        assertEquals(458_333_333L, T.bytesToNanos(100)); // computed from bits, no drift
    }

    @Test
    void firstAnswerByteStartsOneResponseDelayAfterTheRequestAndArrivesOneByteTimeLater() throws IOException {
        DsmrMeter meter = meter(1, 0);
        segment.attach(meter, Duration.ofMillis(3));
        long sent = request(MasterRequests.reqUd2(1));
        long requestEnd = sent + T.bytesToNanos(5); // 10 5B 01 5C 16
        long delay = T.minResponseDelay().plus(Duration.ofMillis(3)).toNanos();
        assertEquals(delay, segment.responseDelay(meter).toNanos());
        int n = received.size();
        assertTrue(n > 60, "an RSP_UD");
        // EN 13757-2: the delay runs to the first start bit; the master has the byte after its stop bit
        assertEquals(requestEnd + delay + T.bytesToNanos(1), receivedAt.get(0));
        for (int i = 0; i < n; i++) {
            assertEquals(requestEnd + delay + T.bytesToNanos(i + 1), receivedAt.get(i), "byte " + i);
        }
        assertTrue(WiredFrameDecoded.of(receivedBytes()) instanceof LongFrame);
    }

    @Test
    void sndNkeIsAcknowledgedOneResponseDelayAfterTheRequestEnds() throws IOException {
        segment.attach(meter(0, 0));
        long sent = request(MasterRequests.sndNke(0));
        assertEquals(List.of(0xE5), received);
        assertEquals(sent + T.bytesToNanos(5) + T.minResponseDelay().plus(SimulatedBusSegment.DEFAULT_LATENCY).toNanos()
                + T.bytesToNanos(1), receivedAt.get(0));
    }

    @Test
    void requestChunksQueueBackToBackOnTheWire() throws IOException {
        DsmrMeter meter = meter(1, 0);
        segment.attach(meter, Duration.ZERO);
        master.send(MasterRequests.sndNke(1));
        master.send(MasterRequests.sndNke(2)); // nobody at 2: it only occupies the wire
        master.send(MasterRequests.sndNke(1));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(3, segment.requestsHeard());
        assertEquals(List.of(0xE5, 0xE5), received);
        long delay = T.minResponseDelay().toNanos();
        assertEquals(T.bytesToNanos(5) + delay + T.bytesToNanos(1), receivedAt.get(0));
        assertEquals(T.bytesToNanos(15) + delay + T.bytesToNanos(1), receivedAt.get(1)); // the third frame ends after 15 bytes
    }

    @Test
    void nobodyAnswersAnEmptyAddress() throws IOException {
        segment.attach(meter(1, 0));
        request(MasterRequests.reqUd2(2));
        assertTrue(received.isEmpty());
        assertEquals(1, segment.requestsHeard());
    }

    @Test
    void latencyBeyondTheStandardsWindowIsRefused() {
        DsmrMeter meter = meter(1, 0);
        Duration widest = T.maxResponseDelay().minus(T.minResponseDelay());
        segment.attach(meter, widest); // exactly 330 bit times + 50 ms is allowed
        assertThrows(IllegalArgumentException.class, () -> segment.setLatency(meter, widest.plusNanos(1)));
        assertThrows(IllegalArgumentException.class, () -> segment.attach(meter(2, 0), widest.plusMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> segment.setDefaultLatency(Duration.ofMillis(-1)));
    }

    @Test
    void answerAtTheLatestAllowedMomentStartsAt330BitTimesPlus50Ms() throws IOException {
        segment.attach(meter(1, 0), T.maxResponseDelay().minus(T.minResponseDelay()));
        long sent = request(MasterRequests.sndNke(1));
        assertEquals(sent + T.bytesToNanos(5) + T.maxResponseDelay().toNanos() + T.bytesToNanos(1), receivedAt.get(0));
    }

    // --- faults ---

    @Test
    void noAnswerFaultLosesTheAnswerButTheDeviceStillActed() throws IOException {
        DsmrMeter meter = meter(0, 0);
        segment.attach(meter);
        segment.injectFault(meter, Fault.noAnswer(), 1);
        request(MasterRequests.sndUdUnencrypted(0, List.of(DsmrRecords.setAddress(4))));
        assertTrue(received.isEmpty());
        assertEquals(4, meter.primaryAddress());
        request(MasterRequests.sndNke(4)); // the fault was for one answer only
        assertEquals(List.of(0xE5), received);
        assertEquals(1, segment.faultsApplied());
    }

    @Test
    void lateAnswerFaultArrivesBeyondTheWindow() throws IOException {
        segment.attach(meter(1, 0));
        segment.injectFault(Fault.lateAnswer(Duration.ofMillis(20)), 1);
        long sent = request(MasterRequests.sndNke(1));
        long expected = sent + T.bytesToNanos(5) + T.maxResponseDelay().plusMillis(20).toNanos() + T.bytesToNanos(1);
        assertEquals(expected, receivedAt.get(0));
        assertTrue(receivedAt.get(0) - sent - T.bytesToNanos(5) > T.maxResponseDelay().toNanos());
    }

    @Test
    void bitFlipFaultBreaksTheChecksum() throws IOException {
        DsmrMeter meter = meter(1, 0);
        segment.attach(meter);
        segment.injectFault(meter, Fault.bitFlip(20, 0x10), 1);
        request(MasterRequests.reqUd2(1));
        DecodeException e = assertThrows(DecodeException.class, () -> WiredFrame.decode(receivedBytes()));
        assertEquals(Reason.BAD_CHECKSUM, e.reason());
    }

    @Test
    void truncatedFaultSendsOnlyThePrefix() throws IOException {
        DsmrMeter meter = meter(1, 0);
        segment.attach(meter);
        segment.injectFault(meter, Fault.truncated(20), 1);
        long sent = request(MasterRequests.reqUd2(1));
        assertEquals(20, received.size());
        DecodeException e = assertThrows(DecodeException.class, () -> WiredFrame.decode(receivedBytes()));
        assertEquals(Reason.TRUNCATED, e.reason());
        long first = sent + T.bytesToNanos(5) + segment.responseDelay(meter).toNanos() + T.bytesToNanos(1);
        assertEquals(first + T.bytesToNanos(19), receivedAt.get(19));
    }

    @Test
    void segmentWideFaultAppliesToEveryDeviceForTheGivenNumberOfAnswers() throws IOException {
        segment.attach(meter(1, 0));
        segment.attach(meter(2, 0));
        segment.injectFault(Fault.noAnswer(), 2);
        request(MasterRequests.sndNke(1));
        request(MasterRequests.sndNke(2));
        assertTrue(received.isEmpty());
        request(MasterRequests.sndNke(2));
        assertEquals(List.of(0xE5), received);
    }

    // --- collisions ---

    @Test
    void twoAlignedE5AnswersCollideIntoOneCleanE5() throws IOException {
        segment.attach(meter(0, 0));
        segment.attach(meter(0, 0));
        long sent = request(MasterRequests.sndNke(0));
        assertEquals(List.of(0xE5), received); // wired-AND of identical streams: a scan cannot tell
        assertEquals(1, segment.collisions());
        long expected = sent + T.bytesToNanos(5) + T.minResponseDelay().plus(SimulatedBusSegment.DEFAULT_LATENCY).toNanos()
                + T.bytesToNanos(1);
        assertTrue(Math.abs(receivedAt.get(0) - expected) <= 1, "within a nanosecond of rounding");
    }

    @Test
    void twoAlignedRspUdAnswersArriveAsTheirBitwiseAnd() throws IOException {
        segment.attach(meter(0, 0x10));
        segment.attach(meter(0, 0x21));
        request(MasterRequests.reqUd2(0));
        byte[] a = meter(0, 0x10).answer(MasterRequests.onTheWire(MasterRequests.reqUd2(0)), START).orElseThrow();
        byte[] b = meter(0, 0x21).answer(MasterRequests.onTheWire(MasterRequests.reqUd2(0)), START).orElseThrow();
        assertEquals(a.length, b.length);
        byte[] and = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            and[i] = (byte) (a[i] & b[i]);
        }
        assertArrayEquals(and, receivedBytes());
        assertFalse(java.util.Arrays.equals(a, receivedBytes()));
        DecodeException e = assertThrows(DecodeException.class, () -> WiredFrame.decode(receivedBytes()));
        assertEquals(Reason.BAD_CHECKSUM, e.reason()); // ACC 11h & 22h = 00h: only the checksum shows it
    }

    @Test
    void misalignedCollisionGarblesTheBytes() throws IOException {
        DsmrMeter early = meter(0, 0);
        segment.attach(early, Duration.ZERO);
        segment.attach(meter(0, 0), Duration.ofNanos(T.bitsToNanos(3)));
        request(MasterRequests.reqUd2(0));
        byte[] clean = meter(0, 0).answer(MasterRequests.onTheWire(MasterRequests.reqUd2(0)), START).orElseThrow();
        assertFalse(java.util.Arrays.equals(clean, receivedBytes()));
        assertThrows(DecodeException.class, () -> WiredFrame.decode(receivedBytes()));
    }

    @Test
    void collisionLineReadsAStreamShiftedByOneBitAsAUartWould() {
        // FFh at bit 0 and FFh one bit later: B's start bit lands on A's first data bit (0 wins),
        // A's parity (0) and stop bit are ANDed with B's data and parity: the UART reads FEh, then idle
        List<CollisionLine.Received> r = CollisionLine.receive(List.of(
                new CollisionLine.Stream(new byte[] {(byte) 0xFF}, 0),
                new CollisionLine.Stream(new byte[] {(byte) 0xFF}, T.bitsToNanos(1))), T);
        assertEquals(1, r.size());
        assertEquals(0xFE, r.get(0).value());
        assertEquals(T.bytesToNanos(1), r.get(0).atNanos());
    }

    @Test
    void collisionLineOfOneStreamIsThatStream() {
        byte[] bytes = {0x68, 0x03, 0x03, 0x68, 0x53, (byte) 0xFE, 0x50, (byte) 0xA1, 0x16, 0x00, (byte) 0xE5};
        List<CollisionLine.Received> r = CollisionLine.receive(List.of(new CollisionLine.Stream(bytes, 1000)), T);
        assertEquals(bytes.length, r.size());
        for (int i = 0; i < bytes.length; i++) {
            assertEquals(bytes[i] & 0xFF, r.get(i).value());
            assertEquals(1000 + T.bitsToNanos(11L * (i + 1)), r.get(i).atNanos());
        }
    }

    /** Decodes exactly one frame or fails the test. */
    static final class WiredFrameDecoded {
        static WiredFrame of(byte[] bytes) {
            try {
                return WiredFrame.decode(bytes);
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        }
    }
}
