package org.p2gate.master.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history the store keeps.
 *
 * @param hourlyRetention how far back from the newest hourly value of a channel its values are kept
 *                        (P2 4.2.2 §7 / issue 5: at least 10 days of hourly values; default 14 days)
 * @param eventLogSize    how many of the newest events the event log keeps (default 1000)
 */
public record StoreSettings(Duration hourlyRetention, int eventLogSize) {

    /** DSMR asks for at least ten days of hourly values. */
    public static final Duration MIN_HOURLY_RETENTION = Duration.ofDays(10);
    /** 14 days of hourly values, 1000 events. */
    public static final StoreSettings DEFAULTS = new StoreSettings(Duration.ofDays(14), 1000);

    public StoreSettings {
        Objects.requireNonNull(hourlyRetention, "hourlyRetention");
        if (hourlyRetention.compareTo(MIN_HOURLY_RETENTION) < 0) {
            throw new IllegalArgumentException("hourly values are kept at least 10 days (DSMR), got " + hourlyRetention);
        }
        if (eventLogSize < 1) {
            throw new IllegalArgumentException("the event log keeps at least one event, got " + eventLogSize);
        }
    }
}
