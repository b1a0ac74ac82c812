package org.p2gate.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Asynchronous operations run one at a time, first in first out, each starting when the one before completed. */
class OperationQueueTest {

    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-11-21T00:00:00Z"));
    private final OperationQueue queue = new OperationQueue(time);
    private final List<String> log = new ArrayList<>();

    /** An operation that logs its start and ends {@code after} later. */
    private CompletableFuture<String> operation(String name, Duration after) {
        return queue.submit(() -> {
            log.add("start " + name);
            CompletableFuture<String> done = new CompletableFuture<>();
            time.schedule(after, () -> {
                log.add("end " + name);
                done.complete(name);
            });
            return done;
        });
    }

    @Test
    void aLongOperationIsNeverInterleavedWithTheNextOne() {
        CompletableFuture<String> first = operation("first", Duration.ofSeconds(10));
        CompletableFuture<String> second = operation("second", Duration.ofSeconds(1));

        time.advance(Duration.ofSeconds(12));

        assertEquals(List.of("start first", "end first", "start second", "end second"), log);
        assertEquals("first", first.join());
        assertEquals("second", second.join());
    }

    @Test
    void aFailingOperationFailsItsOwnResultAndTheQueueGoesOn() {
        CompletableFuture<String> failing = queue.submit(() -> {
            throw new IllegalStateException("broken");
        });
        CompletableFuture<String> next = operation("next", Duration.ofSeconds(1));

        time.advance(Duration.ofSeconds(2));

        assertTrue(failing.isCompletedExceptionally());
        assertEquals("next", next.join());
    }

    @Test
    void completeOnDeliversTheOutcomeInATaskOfTheSchedulerUnwrapped() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> delivered = time.completeOn(source.thenApply(s -> {
            throw new IllegalArgumentException("inner");
        }));
        source.complete("x");

        assertTrue(!delivered.isDone(), "not before the scheduler runs its tasks");
        time.runDue();
        Throwable cause = delivered.handle((v, e) -> e).join();
        assertTrue(cause instanceof IllegalArgumentException, "the CompletionException is unwrapped: " + cause);
    }
}
