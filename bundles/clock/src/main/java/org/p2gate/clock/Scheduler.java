package org.p2gate.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and timed work for one owner (a link, the master, a simulated bus). Tasks of one scheduler
 * run one at a time, in the order of their due time (then of their scheduling), on the
 * scheduler's own worker, never concurrently: an owner that does all its work in tasks needs no
 * locks.
 */
public interface Scheduler {

    /** The service property of a shared virtual clock offered as a Scheduler service (runtime mode "virtual"). */
    String SERVICE_PROPERTY = "p2gate.clock";
    /** The filter that finds the shared virtual clock among Scheduler services. */
    String VIRTUAL_CLOCK_FILTER = "(" + SERVICE_PROPERTY + "=virtual)";

    /** The current time, UTC. */
    Instant now();

    /** A monotonic count of nanoseconds, for measuring durations; unrelated to {@link #now()}. */
    long nanos();

    /** Runs {@code task} once {@code delay} has passed (at once, after the tasks already due, for zero). */
    Scheduled schedule(Duration delay, Runnable task);

    /** Runs {@code task} as soon as the tasks already due have run. */
    default Scheduled execute(Runnable task) {
        return schedule(Duration.ZERO, task);
    }

    /** A scheduled task. */
    interface Scheduled {
        /** Stops the task from running; false if it ran or was cancelled already. */
        boolean cancel();
    }
}
