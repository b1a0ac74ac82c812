package org.p2gate.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

    @Test
    void tasksRunOneAtATimeOnTheNamedWorkerInOrder() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (SystemScheduler scheduler = new SystemScheduler("p2gate-test-worker", e -> { })) {
            scheduler.schedule(Duration.ofMillis(40), () -> {
                ran.add("later on " + Thread.currentThread().getName() + " " + scheduler.isWorkerThread());
                done.countDown();
            });
            scheduler.execute(() -> ran.add("first"));
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertFalse(scheduler.isWorkerThread());
        }
        assertEquals(List.of("first", "later on p2gate-test-worker true"), ran);
    }

    @Test
    void aFailingTaskIsReportedAndTheWorkerGoesOn() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch after = new CountDownLatch(1);
        try (SystemScheduler scheduler = new SystemScheduler("p2gate-test-worker", failures::add)) {
            scheduler.execute(() -> {
                throw new IllegalStateException("boom");
            });
            scheduler.execute(after::countDown);
            assertTrue(after.await(5, TimeUnit.SECONDS));
        }
        assertEquals("boom", failures.get(0).getMessage());
    }

    @Test
    void aTaskGivenAfterCloseIsDroppedNotThrownAtTheCaller() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch scheduledAfterClose = new CountDownLatch(1);
        SystemScheduler scheduler = new SystemScheduler("p2gate-test-worker", failures::add);
        // a running task that schedules more once the scheduler closes: as a component's last task at shutdown
        scheduler.execute(() -> {
            running.countDown();
            try {
                closing.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // shutdownNow interrupts the worker: go on as a task would
            }
            scheduler.execute(() -> failures.add(new AssertionError("a task ran after close")));
            scheduledAfterClose.countDown();
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        scheduler.close();
        closing.countDown();
        assertTrue(scheduledAfterClose.await(5, TimeUnit.SECONDS));
        scheduler.execute(() -> failures.add(new AssertionError("ran"))); // and from another thread
        assertEquals(List.of(), failures);
    }

    @Test
    void nowFollowsTheWallClockAndNanosIsMonotonic() {
        try (SystemScheduler scheduler = new SystemScheduler("p2gate-test-worker", e -> { })) {
            long a = scheduler.nanos();
            long b = scheduler.nanos();
            assertTrue(b >= a);
            assertTrue(scheduler.now().getEpochSecond() > 1_700_000_000L);
        }
    }
}
