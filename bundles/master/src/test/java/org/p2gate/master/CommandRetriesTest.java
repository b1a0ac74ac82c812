package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.SimulatedWiredDevice;

/**
 * Issue 15 item 8, P2 4.2.2 §6.3.1 ("When changing the readout list does not succeed the first time, a maximum of 2
 * retries should be performed") and §5.2 (a frame counter not above the last one is ignored by the device): the
 * retries are counted at one layer — an unanswered command goes out 3 times, not 9 — and every transmission of a
 * mode-15 command carries a fresh frame counter.
 */
class CommandRetriesTest {

    /** A meter that never hears SND_UD CI 5Ah (the readout list); the frame counters of those sent to it. */
    private static final class DeafToControl implements SimulatedWiredDevice {
        final DsmrMeter meter;
        final List<Long> controlFrameCounters = new ArrayList<>();

        DeafToControl(DsmrMeter meter) {
            this.meter = meter;
        }

        @Override
        public int primaryAddress() {
            return meter.primaryAddress();
        }

        @Override
        public Optional<byte[]> answer(WiredFrame request, Instant now) {
            if (request instanceof LongFrame lf && lf.address() == primaryAddress() && lf.ci() == 0x5A) {
                byte[] d = lf.data(); // ... 04 FD 08 and the frame counter, LSB first, in clear at the end (§5.2)
                int n = d.length;
                controlFrameCounters.add((d[n - 4] & 0xFFL) | (d[n - 3] & 0xFFL) << 8 | (d[n - 2] & 0xFFL) << 16
                        | (d[n - 1] & 0xFFL) << 24);
                return Optional.empty();
            }
            return meter.answer(request, now);
        }

        @Override
        public String describe() {
            return "deaf to CI 5Ah: " + meter.describe();
        }
    }

    @Test
    void p2_6_3_1_anUnansweredReadoutListChangeGoesOutThreeTimesEachWithAFreshFrameCounter() throws Exception {
        try (Bench b = new Bench()) {
            DeafToControl device = new DeafToControl(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, device);

            CommandResult result = b.await(b.master.readSelected(Bench.CH1, List.of(ValueInformationBlock.of(0xFD, 0x0C))));
            assertFalse(result.done(), result.toString());
            assertEquals(3, device.controlFrameCounters.size(), "1 + a maximum of 2 retries: " + device.controlFrameCounters);
            assertEquals(3, new HashSet<>(device.controlFrameCounters).size(),
                    "a fresh frame counter each time: " + device.controlFrameCounters);
            for (int i = 1; i < 3; i++) {
                assertEquals(true, device.controlFrameCounters.get(i) > device.controlFrameCounters.get(i - 1));
            }
        }
    }
}
