package org.p2gate.master;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.p2gate.clock.Scheduler;

/**
 * Notices a step of the E-meter's own clock (P2 4.2.2 §6.2.1: devices are synchronised "at every time change of
 * the Bus Master"): the wall clock ({@link Scheduler#now()}) compared with the monotonic one ({@link
 * Scheduler#nanos()}) between two checks. A difference of at least {@link #STEP} is a step — set by an operator, NTP,
 * Kura or anything else; a slew of a few milliseconds per check is not. Touched only in the master's tasks.
 */
final class WallClockWatch {

    /** How often the master checks. */
    static final Duration PERIOD = Duration.ofMinutes(1);
    /** The smallest change taken as a step: well below the 60 s a device may deviate (§6.2.1), far above a slew. */
    static final Duration STEP = Duration.ofSeconds(2);

    private final Scheduler scheduler;
    private Instant wall;
    private long monotonic;

    WallClockWatch(Scheduler scheduler) {
        this.scheduler = scheduler;
        reset();
    }

    /** Starts measuring from now. */
    void reset() {
        wall = scheduler.now();
        monotonic = scheduler.nanos();
    }

    /** The step of the wall clock since the last check (positive: forward), if there was one; measures on from now. */
    Optional<Duration> check() {
        Instant nowWall = scheduler.now();
        long nowMonotonic = scheduler.nanos();
        Duration step = Duration.between(wall, nowWall).minusNanos(nowMonotonic - monotonic);
        wall = nowWall;
        monotonic = nowMonotonic;
        return step.abs().compareTo(STEP) >= 0 ? Optional.of(step) : Optional.empty();
    }
}
