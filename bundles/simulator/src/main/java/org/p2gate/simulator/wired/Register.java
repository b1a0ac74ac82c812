package org.p2gate.simulator.wired;

import java.time.Duration;
import java.time.Instant;

/**
 * A meter register as a function of time, in the units of its record's VIF (e.g. litres for VIF
 * 13h, Wh for VIF 03h): what the meter reads at a given instant.
 */
@FunctionalInterface
public interface Register {

    /** The register value (in VIF units, not negative) at {@code at}. */
    long countsAt(Instant at);

    /** A register that reads {@code atStart} at {@code start} and grows by {@code perHour} each hour (pro rata). */
    static Register linear(Instant start, long atStart, long perHour) {
        if (atStart < 0 || perHour < 0) {
            throw new IllegalArgumentException("a register starts at 0 or more and does not run backwards");
        }
        return at -> {
            long nanos = Duration.between(start, at).toNanos();
            return Math.max(0, atStart + Math.floorDiv(perHour * (nanos / 1_000_000L), 3_600_000L));
        };
    }

    /** A register that always reads {@code value}. */
    static Register constant(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a register reads 0 or more");
        }
        return at -> value;
    }
}
