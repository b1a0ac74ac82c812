package org.p2gate.installation;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;

/**
 * Installation's own bus work (a scan piece and what follows from its findings, a slave_install cycle), one job at
 * a time in tasks of the scheduler: two jobs never race for the same device at address 0. A job must not wait for
 * another queued job.
 */
final class WorkQueue {

    private final Scheduler scheduler;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean running;

    WorkQueue(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            waiting.add(() -> start(job, result));
            if (!running) {
                next();
            }
        });
        return result;
    }

    private <T> void start(Supplier<CompletableFuture<T>> job, CompletableFuture<T> result) {
        CompletableFuture<T> started;
        try {
            started = job.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, error) -> scheduler.execute(() -> {
            running = false;
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
            next();
        }));
    }

    private void next() {
        Runnable job = waiting.poll();
        if (job != null) {
            running = true;
            job.run();
        }
    }
}
