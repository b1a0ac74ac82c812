package org.p2gate.clock;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Asynchronous operations, one at a time, first in first out, in tasks of a scheduler: a multi-step
 * operation (e.g. the master's readout-list change, REQ_UD2, SND_NKE; installation's scan piece and the
 * bindings it leads to) never interleaves with another one of the same queue. An operation must not wait
 * for another operation of its queue.
 */
public final class OperationQueue {

    private final Scheduler scheduler;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean running;

    public OperationQueue(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Queues {@code operation}: it is started when the operations before it completed; its outcome is the result's. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
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
