package org.p2gate.master;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.p2gate.clock.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's timetable: the poll at every whole poll interval (UTC, {@link P2Master#POLL_DELAY} after it), the daily
 * clock synchronisation at {@link MasterSettings#clockSyncHour()} UTC, and the check of the E-meter's clock for a step
 * (P2 4.2.2 §6.2.1, {@link WallClockWatch}). What runs at those times is the master's; touched only in its
 * scheduler's tasks.
 */
final class MasterSchedule {

    /** The master's logger: its log lines stay where they were before the schedule was its own class. */
    private static final Logger LOG = LoggerFactory.getLogger(P2Master.class);

    private final Scheduler scheduler;
    /** Whether the master runs: a task of a cancelled schedule that still runs does nothing. */
    private final BooleanSupplier started;
    /** The poll's work: reads every bound wired channel and checks the wireless silence. */
    private final Runnable poll;
    /** Synchronises every bound device's clock. */
    private final Runnable synchroniseAllClocks;
    /** P2 §6.2.1 "at every time change of the Bus Master": steps of the E-meter's clock. */
    private final WallClockWatch wallClock;
    private Scheduler.Scheduled nextClockCheck;
    private Scheduler.Scheduled nextPoll;
    private Scheduler.Scheduled nextClockSync;
    /** The poll interval and clock synchronisation hour in force ({@link #reschedule}). */
    private MasterSettings schedule;

    MasterSchedule(Scheduler scheduler, MasterSettings settings, BooleanSupplier started, Runnable poll,
            Runnable synchroniseAllClocks) {
        this.scheduler = scheduler;
        this.schedule = settings;
        this.started = started;
        this.poll = poll;
        this.synchroniseAllClocks = synchroniseAllClocks;
        this.wallClock = new WallClockWatch(scheduler);
    }

    /** Schedules the first poll, the daily clock synchronisation and the clock checks (the master starts). */
    void start() {
        scheduleNextPoll();
        scheduleNextClockSync();
        wallClock.reset();
        scheduleNextClockCheck();
    }

    /** The new poll interval and clock synchronisation hour; a running schedule ({@code running}) follows at once. */
    void reschedule(MasterSettings next, boolean running) {
        schedule = next;
        if (running) {
            cancel();
            scheduleNextPoll();
            scheduleNextClockSync();
            scheduleNextClockCheck();
        }
    }

    void cancel() {
        if (nextPoll != null) {
            nextPoll.cancel();
            nextPoll = null;
        }
        if (nextClockSync != null) {
            nextClockSync.cancel();
            nextClockSync = null;
        }
        if (nextClockCheck != null) {
            nextClockCheck.cancel();
            nextClockCheck = null;
        }
    }

    /** The next check of the E-meter's clock ({@link WallClockWatch}). */
    private void scheduleNextClockCheck() {
        nextClockCheck = scheduler.schedule(WallClockWatch.PERIOD, this::checkWallClock);
    }

    /**
     * P2 §6.2.1: "Synchronisation is done: At every time change of the Bus Master": a step of the E-meter's clock
     * synchronises every bound device now (not at the daily hour), and the poll and daily schedules follow the new
     * time.
     */
    private void checkWallClock() {
        if (!started.getAsBoolean()) {
            return;
        }
        Optional<Duration> step = wallClock.check();
        if (step.isPresent()) {
            LOG.info("the E-meter's clock stepped by {} (now {}): synchronising every bound device's clock (P2 §6.2.1)",
                    step.get(), scheduler.now());
            cancel();
            scheduleNextPoll();
            scheduleNextClockSync();
            synchroniseAllClocks.run();
        }
        scheduleNextClockCheck();
    }

    private void scheduleNextPoll() {
        Instant now = scheduler.now().minus(P2Master.POLL_DELAY);
        long interval = schedule.pollInterval().toMillis();
        long next = (Math.floorDiv(now.toEpochMilli(), interval) + 1) * interval + P2Master.POLL_DELAY.toMillis();
        Duration delay = Duration.between(scheduler.now(), Instant.ofEpochMilli(next));
        nextPoll = scheduler.schedule(delay, this::poll);
    }

    private void poll() {
        if (!started.getAsBoolean()) {
            return;
        }
        poll.run();
        scheduleNextPoll();
    }

    // ---- clock synchronisation (P2 §6.2.1: "daily and after a clock change of the E-meter", issue 5)

    private void scheduleNextClockSync() {
        Instant now = scheduler.now();
        Instant next = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(schedule.clockSyncHour()));
        if (!next.isAfter(now)) {
            next = next.plus(Duration.ofDays(1));
        }
        nextClockSync = scheduler.schedule(Duration.between(now, next), this::dailyClockSync);
    }

    private void dailyClockSync() {
        if (!started.getAsBoolean()) {
            return;
        }
        synchroniseAllClocks.run();
        scheduleNextClockSync();
    }
}
