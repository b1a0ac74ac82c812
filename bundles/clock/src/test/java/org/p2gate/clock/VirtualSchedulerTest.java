package org.p2gate.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private final VirtualScheduler scheduler = new VirtualScheduler(START);
    private final List<String> ran = new ArrayList<>();

    @Test
    void timeStandsStillUntilAdvanced() {
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        assertEquals(START, scheduler.now());
        assertEquals(List.of(), ran);

        scheduler.advance(Duration.ofMillis(999));
        assertEquals(List.of(), ran);
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(List.of("a"), ran);
        assertEquals(START.plusSeconds(1), scheduler.now());
    }

    @Test
    void tasksRunInDueOrderThenSchedulingOrderAtTheirOwnTime() {
        scheduler.schedule(Duration.ofMillis(30), () -> ran.add("c@" + scheduler.nanos() / 1_000_000));
        scheduler.schedule(Duration.ofMillis(10), () -> ran.add("a@" + scheduler.nanos() / 1_000_000));
        scheduler.schedule(Duration.ofMillis(10), () -> ran.add("b@" + scheduler.nanos() / 1_000_000));

        scheduler.advance(Duration.ofHours(1));

        assertEquals(List.of("a@10", "b@10", "c@30"), ran);
        assertEquals(Duration.ofHours(1).toNanos(), scheduler.nanos());
    }

    @Test
    void aTaskMayScheduleMoreWorkThatRunsInTheSameAdvance() {
        scheduler.schedule(Duration.ofMillis(5), () -> {
            ran.add("first");
            scheduler.schedule(Duration.ofMillis(5), () -> ran.add("second at " + scheduler.nanos() / 1_000_000));
        });
        scheduler.advance(Duration.ofMillis(10));
        assertEquals(List.of("first", "second at 10"), ran);
    }

    @Test
    void aCancelledTaskDoesNotRun() {
        var task = scheduler.schedule(Duration.ofMillis(5), () -> ran.add("x"));
        assertTrue(task.cancel());
        assertFalse(task.cancel());
        scheduler.advance(Duration.ofMillis(10));
        assertEquals(List.of(), ran);
        assertEquals(0, scheduler.pending());
    }

    @Test
    void runUntilIdleJumpsFromTaskToTaskAndReportsTheTimeTaken() {
        scheduler.schedule(Duration.ofMinutes(60), () -> ran.add("hourly read"));
        Duration taken = scheduler.runUntilIdle(Duration.ofDays(1));
        assertEquals(Duration.ofMinutes(60), taken);
        assertEquals(List.of("hourly read"), ran);
    }

    @Test
    void anHourOfMinuteTasksTakesNoRealTime() {
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            ran.add("tick");
            scheduler.schedule(Duration.ofMinutes(1), tick[0]);
        };
        scheduler.execute(tick[0]);
        long start = System.nanoTime();
        scheduler.advance(Duration.ofHours(1));
        assertEquals(61, ran.size(), "at 0, 1, …, 60 minutes");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }
}
