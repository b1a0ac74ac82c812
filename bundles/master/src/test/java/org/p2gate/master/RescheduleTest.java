package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 16 item 6: the poll interval and the clock synchronisation hour change in place, the master kept. */
class RescheduleTest {

    @Test
    void aNewPollIntervalAndClockSyncHourTakeEffectAtOnceWithoutANewMaster() throws Exception {
        try (Bench b = new Bench()) { // 23:30 UTC; hourly polls at 1.5 min past the hour, clocks at 03:00
            b.bind(Bench.CH1, Bench.gas(23456789, 5).build());
            b.master.start();
            b.master.reschedule(Duration.ofMinutes(15), 0);
            long before = b.bus.requestsHeard();
            b.time.advance(Duration.ofMinutes(60)); // to 00:30: polls at 23:31:30, 23:46:30, 00:01:30, 00:16:30
            long reads = b.logLines().stream().filter(l -> l.startsWith("channel 1: read done")).count();
            assertEquals(1 + 4, reads, "the read at start, then every 15 min, not once an hour: " + b.logLines());
            assertTrue(b.sink.codes().contains(104), "the clock synchronised at 00:00 UTC: " + b.sink.codes());
            assertTrue(b.bus.requestsHeard() > before);
            assertThrows(IllegalArgumentException.class, () -> b.master.reschedule(Duration.ofMinutes(15), 24));
        }
    }
}
