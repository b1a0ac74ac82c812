package org.p2gate.installation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.p2gate.clock.Scheduler;

/** Brings a master operation's outcome back onto installation's scheduler, where all its state lives. */
final class OnScheduler {

    private final Scheduler scheduler;

    OnScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    <T> CompletableFuture<T> bring(CompletableFuture<T> future) {
        CompletableFuture<T> out = new CompletableFuture<>();
        future.whenComplete((value, error) -> scheduler.execute(() -> {
            if (error != null) {
                out.completeExceptionally(cause(error));
            } else {
                out.complete(value);
            }
        }));
        return out;
    }

    static Throwable cause(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
