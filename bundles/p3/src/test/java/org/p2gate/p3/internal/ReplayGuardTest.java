package org.p2gate.p3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.p3.internal.ReplayGuard.Verdict;

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
        guard.accept(1000);
        assertEquals(Verdict.TOO_OLD, guard.accept(1000 - ReplayGuard.WINDOW));
        assertEquals(Verdict.ACCEPTED, guard.accept(1000 - ReplayGuard.WINDOW + 1));
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
        long first = counter.reserve(16);
        counter.usedUpTo(first + 3);
        SendCounter afterRestart = new SendCounter(CounterFile.open(state));
        assertTrue(afterRestart.reserve(16) >= first + 3);
    }
}
