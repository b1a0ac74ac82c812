package org.p2gate.mbus.wired;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WiredLink} reopens its transport after the medium failed or could not be opened (a USB level
 * converter re-plugged or enumerated late, a TCP converter restarted): the first attempt {@code first} after the
 * failure, each further one twice as long after the previous, at most {@code max} apart, for as long as it takes.
 *
 * @param first the delay before the first attempt to reopen
 * @param max   the longest delay between two attempts
 */
public record ReopenBackoff(Duration first, Duration max) {

    /** The default: 0.5 s, then 1, 2, 4 … s, at most 30 s apart. */
    public static final ReopenBackoff DEFAULT = new ReopenBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public ReopenBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a reopen backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The delay after one of {@code previous}: twice as long, at most {@link #max()}. */
    public Duration after(Duration previous) {
        Duration twice = previous.multipliedBy(2);
        return twice.compareTo(max) > 0 ? max : twice;
    }
}
