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
 */
public record MasterSettings(Duration pollInterval, int readoutListRetries, boolean clearStatusAutomatically) {

    public MasterSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("the poll interval is at least a second, got " + pollInterval);
        }
        if (readoutListRetries < 0 || readoutListRetries > 2) {
            throw new IllegalArgumentException("P2 §6.3.1 allows 0..2 retries of a readout-list change, got "
                    + readoutListRetries);
        }
    }

    /** Hourly polling, two readout-list retries, status cleared after non-permanent errors. */
    public static MasterSettings defaults() {
        return new MasterSettings(Duration.ofHours(1), 2, true);
    }

    public MasterSettings withPollInterval(Duration interval) {
        return new MasterSettings(interval, readoutListRetries, clearStatusAutomatically);
    }

    public MasterSettings withClearStatusAutomatically(boolean clear) {
        return new MasterSettings(pollInterval, readoutListRetries, clear);
    }
}
