package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 5, P2 4.2.2 §6.2.1: "Synchronisation is done: At every time change of the Bus Master; Every day …".
 * The E-meter's clock is stepped (by an operator, NTP, Kura: the wall clock jumps while the monotonic clock does
 * not); every bound device is synchronised within a minute, not at the daily hour.
 */
class ClockStepTest {

    private static long clockAdjusted(Bench b, Channel channel) {
        return b.sink.events().stream().filter(e -> e.kind() == MBusEventKind.CLOCK_ADJUSTED && e.channel() == channel)
                .count();
    }

    @Test
    void p2_6_2_1_aStepOfTheEmetersClockSynchronisesEveryBoundDeviceAtOnce() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.bind(Bench.CH2, Bench.gas(22222222, 6).build());
            b.master.start();
            b.time.advance(Duration.ofMinutes(20)); // 23:50: reads at start and at the hour, no clock step yet
            assertEquals(0, clockAdjusted(b, Bench.CH1), "a clock running on is no time change");

            b.time.stepWallClock(Duration.ofMinutes(7)); // set forward
            b.time.advance(Duration.ofSeconds(90));
            assertEquals(1, clockAdjusted(b, Bench.CH1));
            assertEquals(1, clockAdjusted(b, Bench.CH2));
            assertTrue(b.logLines().stream().anyMatch(l -> l.contains("clock stepped by PT7M")), b.logLines().toString());

            b.time.stepWallClock(Duration.ofSeconds(-30)); // set back
            b.time.advance(Duration.ofSeconds(90));
            assertEquals(List.of(2L, 2L), List.of(clockAdjusted(b, Bench.CH1), clockAdjusted(b, Bench.CH2)));

            b.time.stepWallClock(Duration.ofMillis(300)); // a slew, not a step
            b.time.advance(Duration.ofMinutes(30));
            assertEquals(2, clockAdjusted(b, Bench.CH1));
        }
    }
}
