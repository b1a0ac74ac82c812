package org.p2gate.mbus.wired;

import java.time.Duration;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes while no answer is awaited (a stray frame, noise): counted, and reported in one line once the line has
 * been idle for the inter-byte limit (a serial port delivers a stray frame byte by byte: issue 16). Worker only.
 */
final class StrayBytes {

    private static final Logger LOG = LoggerFactory.getLogger(WiredLink.class);

    private final Scheduler scheduler;
    private final LinkSettings settings;
    private final LinkCounters counters;
    private final Supplier<String> describe;
    private final Repeats repeats = new Repeats();
    /** Bytes that arrived while no answer was awaited, not yet reported; the timer that reports them once the line is idle. */
    private int strayBytes;
    private Scheduler.Scheduled strayTimer;

    StrayBytes(Scheduler scheduler, LinkSettings settings, LinkCounters counters, Supplier<String> describe) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.counters = counters;
        this.describe = describe;
    }

    /** {@code count} stray bytes, the last at {@code arrival} (scheduler nanos). */
    void arrived(int count, long arrival) {
        counters.unsolicitedBytes += count;
        strayBytes += count;
        if (strayTimer != null) {
            strayTimer.cancel();
        }
        long limit = settings.interByteLimit().toNanos();
        strayTimer = scheduler.schedule(Duration.ofNanos(Math.max(0, arrival + limit + 1 - scheduler.nanos())),
                this::report);
    }

    /** Reports the bytes not yet reported, if any (before a request goes out, or once the line is idle). */
    void report() {
        if (strayTimer != null) {
            strayTimer.cancel();
            strayTimer = null;
        }
        if (strayBytes == 0) {
            return;
        }
        long n = repeats.note("stray", "stray");
        if (Repeats.logs(n)) {
            LOG.warn("{}: {} byte(s) arrived while no answer was awaited; dropped{}", describe.get(), strayBytes,
                    Repeats.times(n));
        }
        strayBytes = 0;
    }
}
