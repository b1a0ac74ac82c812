package org.p2gate.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real scheduler: the system clock and one worker thread. The only class of p2gate that reads
 * the wall clock. A task that throws is reported to the failure handler; the worker goes on.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private final Clock clock;
    private final ScheduledThreadPoolExecutor worker;
    private final Consumer<Throwable> onFailure;
    private volatile Thread workerThread;

    /**
     * @param name      the worker thread's name, e.g. "p2gate-wired-link-ttyUSB0"
     * @param onFailure told of every task that threw (e.g. to log it)
     */
    public SystemScheduler(String name, Consumer<Throwable> onFailure) {
        this.clock = Clock.systemUTC();
        this.onFailure = onFailure;
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            workerThread = thread;
            return thread;
        });
        worker.setRemoveOnCancelPolicy(true);
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    /** The system clock's time now, UTC, for the one-off reads outside a scheduler (e.g. where a virtual clock starts). */
    public static Instant wallClock() {
        return Clock.systemUTC().instant();
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    /** {@inheritDoc} After {@link #close()} the task is dropped, like the tasks queued at the close. */
    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future;
        try {
            future = worker.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    onFailure.accept(e);
                }
            }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return () -> false; // closed: a stopping component's last tasks go with it, never to run
        }
        return () -> future.cancel(false);
    }

    /** Whether the caller runs on this scheduler's worker (to assert single-threaded access). */
    public boolean isWorkerThread() {
        return Thread.currentThread() == workerThread;
    }

    /** Stops the worker: queued tasks are dropped, a running one finishes. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
