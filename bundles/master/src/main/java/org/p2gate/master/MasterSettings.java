package org.p2gate.master;

import java.time.Duration;
import java.util.Objects;

/**
 * How the master works (the DS/metatype configuration maps onto it later).
 *
 * @param pollInterval            the wired polling period, aligned to UTC multiples of it (P2 §4.3: "Polling
 *                                should be on an hourly basis"; default one hour, i.e. every whole hour)
 * @param readoutListRetries      repetitions of a failed readout-list change (P2 §6.3.1: "a maximum of 2
 *                                retries should be performed")
 * @param clearStatusAutomatically whether a read that shows non-permanent status bits is followed by a
 *                                clear status (P2 §6.2.3: "The E-meter should clean the status byte after each
 *                                time a non-permanent error is retrieved")
 * @param clockSyncHour           the UTC hour (0..23) of the daily clock synchronisation of every bound channel
 *                                (P2 §6.2.1; issue 5: "daily and after a clock change of the E-meter"); default 3
 */
public record MasterSettings(Duration pollInterval, int readoutListRetries, boolean clearStatusAutomatically,
        int clockSyncHour) {

    /** The default hour of the daily clock synchronisation: 03:00 UTC, away from midnight's reads and day change. */
    public static final int DEFAULT_CLOCK_SYNC_HOUR = 3;

    public MasterSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("the poll interval is at least a second, got " + pollInterval);
        }
        if (readoutListRetries < 0 || readoutListRetries > 2) {
            throw new IllegalArgumentException("P2 §6.3.1 allows 0..2 retries of a readout-list change, got "
                    + readoutListRetries);
        }
        if (clockSyncHour < 0 || clockSyncHour > 23) {
            throw new IllegalArgumentException("the clock synchronisation hour is 0..23 (UTC), got " + clockSyncHour);
        }
    }

    /** The settings with the default clock synchronisation hour. */
    public MasterSettings(Duration pollInterval, int readoutListRetries, boolean clearStatusAutomatically) {
        this(pollInterval, readoutListRetries, clearStatusAutomatically, DEFAULT_CLOCK_SYNC_HOUR);
    }

    /** Hourly polling, two readout-list retries, status cleared after non-permanent errors, clocks synchronised at 03:00 UTC. */
    public static MasterSettings defaults() {
        return new MasterSettings(Duration.ofHours(1), 2, true, DEFAULT_CLOCK_SYNC_HOUR);
    }

    public MasterSettings withPollInterval(Duration interval) {
        return new MasterSettings(interval, readoutListRetries, clearStatusAutomatically, clockSyncHour);
    }

    public MasterSettings withClearStatusAutomatically(boolean clear) {
        return new MasterSettings(pollInterval, readoutListRetries, clear, clockSyncHour);
    }

    public MasterSettings withClockSyncHour(int hour) {
        return new MasterSettings(pollInterval, readoutListRetries, clearStatusAutomatically, hour);
    }
}
