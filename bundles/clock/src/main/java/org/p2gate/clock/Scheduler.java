package org.p2gate.clock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /**
     * {@code future}'s outcome, delivered in a task of this scheduler (so an owner that keeps its state in its
     * tasks can act on it without locks); a failure arrives unwrapped ({@link #unwrap}).
     */
    default <T> CompletableFuture<T> completeOn(CompletableFuture<T> future) {
        CompletableFuture<T> out = new CompletableFuture<>();
        future.whenComplete((value, error) -> execute(() -> {
            if (error != null) {
                out.completeExceptionally(unwrap(error));
            } else {
                out.complete(value);
            }
        }));
        return out;
    }

    /** The failure inside the CompletionExceptions a future chain wraps it in. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A scheduled task. */
    interface Scheduled {
        /** Stops the task from running; false if it ran or was cancelled already. */
        boolean cancel();
    }
}
