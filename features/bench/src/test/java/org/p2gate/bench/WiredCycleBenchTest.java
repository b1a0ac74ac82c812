package org.p2gate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.simulator.wired.WireTiming;

/**
 * The wired bench's scenarios in virtual time (a second or two of real time). The ratios are of virtual
 * times, deterministic on every machine, so asserting them is not a wall-clock timing test.
 */
class WiredCycleBenchTest {

    /**
     * The simulator rounds each byte time down to the nanosecond (WireTiming.bitsToNanos) while the minimum is
     * exact: the elapsed time may fall below it by less than 1 ns per frame on the wire.
     */
    private static void atLeastThePhysicalMinimum(WiredCycleBench.Scenario s) {
        assertTrue(s.elapsedNanos() + s.minimum().frames() >= s.minimum().nanos(),
                s.name() + ": " + s.elapsedNanos() + " ns is below the physical minimum " + s.minimum().nanos() + " ns");
        assertTrue(s.ratio() >= 1.0 - s.minimum().frames() / s.minimum().nanos(), s.name() + ": ratio " + s.ratio());
    }

    @Test
    void pollCycleReadsAllFourMetersWithinFivePercentOfThePhysicalMinimum() {
        WiredCycleBench.Scenario s = WiredCycleBench.pollCycle();

        assertEquals(List.of(3, 47, 118, 209), s.found(), "gas, water, heat, slave E each answered REQ_UD2");
        assertEquals(4, s.attempts(), "no repetition");
        assertEquals(8, s.minimum().frames());
        assertEquals(0, s.minimum().silentWindows());
        assertTrue(s.ratio() <= WiredCycleBench.MAX_RATIO, "ratio " + s.ratio());
        atLeastThePhysicalMinimum(s);
    }

    @Test
    void scanFindsTheMetersAtZeroAndScatteredAddressesIncludingOneStartingAtTheStandardsLatestMoment() {
        WiredCycleBench.Scenario s = WiredCycleBench.scan();

        assertEquals(List.of(0, 23, 142, 250), s.found(), "every device, the late one at 142 too, and nothing else");
        assertEquals(251 + 4, s.attempts(), "one SND_NKE per address, one REQ_UD2 per device, no repetition");
        assertEquals(251 - 4, s.minimum().silentWindows());
        assertTrue(s.ratio() <= WiredCycleBench.MAX_RATIO, "ratio " + s.ratio());
        atLeastThePhysicalMinimum(s);
    }

    @Test
    void theLateMetersFirstByteIsCompleteExactly330BitTimesPlus50MsAfterTheRequest() {
        // SimulatedBusSegment: response delay (to the first byte's arrival) = 11 bit times + latency
        Duration delay = WireTiming.DSMR.minResponseDelay().plus(WiredCycleBench.latestLatency());
        assertEquals(Duration.ofNanos(187_500_000), delay, "330/2400 s + 50 ms = 137.5 ms + 50 ms");
    }

    @Test
    void theOtherMetersStartExactly11BitTimesAfterTheRequest() {
        // the simulator's response delay runs to the start bit (EN 13757-2): the earliest start is 11 bit times
        Duration delay = WireTiming.DSMR.minResponseDelay().plus(WiredCycleBench.earliestLatency());
        long elevenBitTimes = 11 * 1_000_000_000L / 2400; // 4_583_333.33 ns, rounded down
        assertTrue(delay.toNanos() >= elevenBitTimes, delay.toString());
        assertTrue(delay.toNanos() <= elevenBitTimes + 1, delay.toString());
    }

    @Test
    void minimumOfAnAnsweredRequestIsBothFramesPlusTheEarliestStart() {
        // SND_NKE (5 bytes) → E5h (1 byte): 6 × 11 + 11 = 77 bit times = 32.083 ms at 2400 Bd
        WiredCycleBench.Minimum m = WiredCycleBench.Minimum.ZERO.answered(5, 1);
        assertEquals(77, m.bits());
        assertEquals(77e9 / 2400, m.nanos(), 1e-3);
        assertEquals(2, m.frames());
    }

    @Test
    void minimumOfASilentAddressIsTheRequestAndTheWholeAnswerWindow() {
        // SND_NKE 55 bit times + latest start 330 bit times + 50 ms + a first byte's 11 bit times = 215 ms
        WiredCycleBench.Minimum m = WiredCycleBench.Minimum.ZERO.unanswered(5);
        assertEquals(55 + 330 + 11, m.bits());
        assertEquals(215_000_000.0, m.nanos(), 1e-3);
        assertEquals(1, m.silentWindows());
    }

    @Test
    void aMissedDeviceFailsTheTableEvenWhenFast() {
        WiredCycleBench.Minimum m = WiredCycleBench.Minimum.ZERO.answered(5, 100);
        WiredCycleBench.Scenario missed = new WiredCycleBench.Scenario("missed", (long) m.nanos(), m, List.of(1, 2),
                List.of(1), 2);
        assertFalse(missed.met());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertFalse(WiredCycleBench.print(List.of(missed), new PrintStream(text, true, StandardCharsets.UTF_8)));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("FAIL [1]"), text.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTablePassesForEveryScenario() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean met = WiredCycleBench.print(WiredCycleBench.runAll(), new PrintStream(text, true, StandardCharsets.UTF_8));
        String table = text.toString(StandardCharsets.UTF_8);
        assertTrue(met, table);
        assertTrue(table.contains("poll cycle") && table.contains("scan 0..250"), table);
        assertFalse(table.contains("FAIL"), table);
    }
}
