package org.p2gate.p3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.p3.server.ReplayGuard.Verdict;

class ReplayGuardTest {

    @TempDir
    Path state;

    @Test
    void aCounterIsAcceptedOnlyOnce() {
        ReplayGuard guard = new ReplayGuard(CounterFile.open(state));
        assertEquals(Verdict.ACCEPTED, guard.accept(7));
        assertEquals(Verdict.REPLAYED, guard.accept(7));
    }

    @Test
    void slightlyOutOfOrderCountersWithinTheWindowAreAcceptedOnce() {
        ReplayGuard guard = new ReplayGuard(CounterFile.open(state));
        assertEquals(Verdict.ACCEPTED, guard.accept(100));
        assertEquals(Verdict.ACCEPTED, guard.accept(99));
        assertEquals(Verdict.REPLAYED, guard.accept(99));
        assertEquals(Verdict.ACCEPTED, guard.accept(101));
    }

    @Test
    void aCounterOlderThanTheWindowIsRefused() {
        ReplayGuard guard = new ReplayGuard(CounterFile.open(state));
        guard.accept(10_000);
        assertEquals(Verdict.TOO_OLD, guard.accept(10_000 - ReplayGuard.WINDOW));
        assertEquals(Verdict.ACCEPTED, guard.accept(10_000 - ReplayGuard.WINDOW + 1));
    }

    @Test
    void windowSlotsAreFreedWhenTheHighestCounterMovesOn() {
        ReplayGuard guard = new ReplayGuard(CounterFile.open(state));
        guard.accept(10);
        guard.accept(10 + ReplayGuard.WINDOW); // same slot as 10, a new counter
        assertEquals(Verdict.ACCEPTED, guard.accept(11 + ReplayGuard.WINDOW));
        assertEquals(Verdict.REPLAYED, guard.accept(10 + ReplayGuard.WINDOW));
    }

    @Test
    void theCeilingIsWrittenBeforeACounterAboveItIsAccepted() {
        CounterFile file = CounterFile.open(state);
        ReplayGuard guard = new ReplayGuard(file);
        guard.accept(5);
        assertTrue(file.received() >= 5, "ceiling " + file.received());
        ReplayGuard afterRestart = new ReplayGuard(CounterFile.open(state));
        assertEquals(Verdict.TOO_OLD, afterRestart.accept(5));
        assertEquals(Verdict.TOO_OLD, afterRestart.accept(6), "the reserved block is closed too");
        assertEquals(file.received() + 1, afterRestart.nextAcceptable());
        assertEquals(Verdict.ACCEPTED, afterRestart.accept(afterRestart.nextAcceptable()));
    }

    @Test
    void nextAcceptableIsAboveTheHighestAccepted() {
        ReplayGuard guard = new ReplayGuard(CounterFile.open(state));
        assertEquals(0, guard.nextAcceptable(), "a new gateway accepts counter 0");
        guard.accept(41);
        assertEquals(42, guard.nextAcceptable());
    }

    @Test
    void aDamagedCounterFileStopsTheStartWithAMessageSayingHowToRepairIt() throws Exception {
        Files.writeString(state.resolve(CounterFile.FILE_NAME), CounterFile.RECEIVED + "=banana\n" + CounterFile.SENT + "=0\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CounterFile.open(state));
        assertTrue(e.getMessage().contains(CounterFile.RECEIVED) && e.getMessage().contains("restore the file"),
                e.getMessage());
    }

    @Test
    void sendCounterNeverHandsOutAValueBelowOneUsedBeforeARestart() {
        CounterFile file = CounterFile.open(state);
        SendCounter counter = new SendCounter(file);
        long first = counter.take(SendCounter.PER_ANSWER);
        SendCounter afterRestart = new SendCounter(CounterFile.open(state));
        assertTrue(afterRestart.take(SendCounter.PER_ANSWER) >= first + SendCounter.PER_ANSWER);
    }

    @Test
    void sendCounterBlocksOfConcurrentAnswersNeverOverlap() throws Exception {
        SendCounter counter = new SendCounter(CounterFile.open(state));
        java.util.Set<Long> firsts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    firsts.add(counter.take(SendCounter.PER_ANSWER));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(8000, firsts.size(), "every block its own");
        assertTrue(firsts.stream().allMatch(f -> f % SendCounter.PER_ANSWER == firsts.stream().mapToLong(Long::longValue)
                .min().orElseThrow() % SendCounter.PER_ANSWER), "blocks of PER_ANSWER, none overlapping");
    }
}
