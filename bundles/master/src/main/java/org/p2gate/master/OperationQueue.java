package org.p2gate.master;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;

/**
 * The master's operations, one at a time, first in first out, in tasks of its scheduler: a
 * multi-step operation (readout-list change, REQ_UD2, SND_NKE) never interleaves with another one on
 * the bus. An operation must not wait for another queued operation.
 */
final class OperationQueue {

    private final Scheduler scheduler;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean running;

    OperationQueue(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            waiting.add(() -> start(operation, result));
            if (!running) {
                next();
            }
        });
        return result;
    }

    private <T> void start(Supplier<CompletableFuture<T>> operation, CompletableFuture<T> result) {
        CompletableFuture<T> started;
        try {
            started = operation.get();
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
        Runnable op = waiting.poll();
        if (op != null) {
            running = true;
            op.run();
        }
    }
}
