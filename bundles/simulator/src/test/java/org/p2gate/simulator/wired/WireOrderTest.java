package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.Scheduler;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.WiredTransport;

/**
 * The bytes of an answer leave the segment in order even when the scheduler makes one byte's task due late: a
 * real-time worker descheduled between reading the clock and handing the delay to its executor (seen once at a busy
 * start: two characters of an equipment identifier swapped, the FT1.2 sum unchanged).
 */
class WireOrderTest {

    private static final Instant START = Instant.parse("2026-12-05T20:56:52Z");

    /** A virtual scheduler whose {@code lateCall}-th scheduling comes due {@code late} after its time. */
    private static final class OneLateTask implements Scheduler {
        private final VirtualScheduler clock;
        private final int lateCall;
        private final Duration late;
        private int calls;

        OneLateTask(VirtualScheduler clock, int lateCall, Duration late) {
            this.clock = clock;
            this.lateCall = lateCall;
            this.late = late;
        }

        @Override
        public Instant now() {
            return clock.now();
        }

        @Override
        public long nanos() {
            return clock.nanos();
        }

        @Override
        public Scheduled schedule(Duration delay, Runnable task) {
            return clock.schedule(++calls == lateCall ? delay.plus(late) : delay, task);
        }
    }

    /** The same meter each time: seeded, so its access number and frame counter start alike (P2 §4.2.4: random). */
    private static DsmrMeter gasMeter() {
        return new MeterSpec("gas", 5).builder(START, 31_000_001, MeterSpec.DEFAULT_KEY).seed(7).build();
    }

    @Test
    void anAnswerByteWhoseTaskComesDueLateStillLeavesInOrder() throws IOException {
        DsmrMeter reference = gasMeter();
        byte[] expected = reference.answer(ShortFrame.of(LinkFunction.REQ_UD2, 5), START.plusMillis(100)).orElseThrow();

        for (int lateCall = 2; lateCall < 40; lateCall += 7) {
            VirtualScheduler clock = new VirtualScheduler(START);
            Scheduler scheduler = new OneLateTask(clock, lateCall, Duration.ofMillis(6)); // more than a byte time
            InMemoryTransport[] pair = InMemoryTransport.pair(clock);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            pair[0].open(new WiredTransport.Receiver() {
                @Override
                public void received(byte[] bytes, int offset, int length) {
                    received.write(bytes, offset, length);
                }

                @Override
                public void failed(IOException cause) {}
            });
            SimulatedBusSegment segment = SimulatedBusSegment.dsmr(scheduler, pair[1]);
            segment.attach(gasMeter());
            clock.advance(Duration.ofMillis(100 - 5)); // the request's 5 bytes end at START + 100 ms as for the reference
            pair[0].send(ShortFrame.of(LinkFunction.REQ_UD2, 5).encode());
            clock.advance(Duration.ofSeconds(2));

            assertTrue(received.size() > 0, "an answer with task " + lateCall + " late");
            assertArrayEquals(expected, received.toByteArray(), "task " + lateCall + " late: the bytes in order");
        }
    }
}
