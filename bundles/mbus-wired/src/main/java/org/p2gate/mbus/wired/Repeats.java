package org.p2gate.mbus.wired;

import java.util.HashMap;
import java.util.Map;

/**
 * Summarises repeated identical log events (issue 16: one line per event with a count, repeats summarised):
 * events are counted per subject (e.g. "channel 1 read") and kind (e.g. "NO_ANSWER"); a caller logs the 1st,
 * 10th, 100th, … occurrence with its count, so ten thousand identical failures print five lines. A subject that
 * recovers is cleared, and its next failure is news again. Thread-safe.
 */
public final class Repeats {

    private final Map<String, Map<String, Long>> counts = new HashMap<>();

    /** Counts one more {@code kind} of event for {@code subject}; returns how many there were since the last clear. */
    public synchronized long note(String subject, String kind) {
        return counts.computeIfAbsent(subject, s -> new HashMap<>()).merge(kind, 1L, Long::sum);
    }

    /** {@code subject} recovered: returns how many events it had since the last clear (0 if none) and forgets them. */
    public synchronized long clear(String subject) {
        Map<String, Long> of = counts.remove(subject);
        return of == null ? 0 : of.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the {@code count}-th event is logged: the 1st, 10th, 100th, 1000th … */
    public static boolean logs(long count) {
        long n = count;
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    /** "" for the first event, " (the 100th time)" for a repeat that is logged. */
    public static String times(long count) {
        return count == 1 ? "" : " (" + count + " times so far)";
    }
}
