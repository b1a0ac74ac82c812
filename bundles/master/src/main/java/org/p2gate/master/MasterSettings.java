package org.p2gate.master;

import java.time.Duration;
import java.util.Objects;

/**
 * How the master works (the DS/metatype configuration maps onto it later).
 *
 * @param pollInterval            the wired polling period, aligned to UTC multiples of it (P2 §4.3: "Polling
 *                                should be on an hourly basis"; default one hour, i.e. every whole hour)
 * @param readoutListRetries      repetitions of a failed readout-list change (P2 §6.3.1: "a maximum of 2
 *                                retries should be performed"), and of every other wired SND_UD command: the
 *                                only repetitions (the link sends a command once), each with a fresh frame counter
 * @param clearStatusAutomatically whether a read that shows non-permanent status bits is followed by a
 *                                clear status (P2 §6.2.3: "The E-meter should clean the status byte after each
 *                                time a non-permanent error is retrieved")
 * @param clockSyncHour           the UTC hour (0..23) of the daily clock synchronisation of every bound channel
 *                                (P2 §6.2.1; issue 5: "daily and after a clock change of the E-meter"); default 3
 * @param wirelessSilenceLimit    how long a bound wireless device may go unheard before its channel gets a
 *                                communication error (P2 sets no limit; default three hours: three hourly SND_NR
 *                                missed in a row); zero: never
 */
public record MasterSettings(Duration pollInterval, int readoutListRetries, boolean clearStatusAutomatically,
        int clockSyncHour, Duration wirelessSilenceLimit) {

    /** The default hour of the daily clock synchronisation: 03:00 UTC, away from midnight's reads and day change. */
    public static final int DEFAULT_CLOCK_SYNC_HOUR = 3;
    /** The default silence of a wireless device before a communication error: three missed hourly SND_NR. */
    public static final Duration DEFAULT_WIRELESS_SILENCE_LIMIT = Duration.ofHours(3);

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
        Objects.requireNonNull(wirelessSilenceLimit, "wirelessSilenceLimit");
        if (wirelessSilenceLimit.isNegative()) {
            throw new IllegalArgumentException("the wireless silence limit is zero (never) or positive, got "
                    + wirelessSilenceLimit);
        }
    }

    /** The settings with the default clock synchronisation hour. */
    public MasterSettings(Duration pollInterval, int readoutListRetries, boolean clearStatusAutomatically) {
        this(pollInterval, readoutListRetries, clearStatusAutomatically, DEFAULT_CLOCK_SYNC_HOUR,
                DEFAULT_WIRELESS_SILENCE_LIMIT);
    }

    /**
     * Hourly polling, two readout-list retries, status cleared after non-permanent errors, clocks synchronised at 03:00
     * UTC, a wireless device silent for three hours in communication error.
     */
    public static MasterSettings defaults() {
        return new MasterSettings(Duration.ofHours(1), 2, true, DEFAULT_CLOCK_SYNC_HOUR, DEFAULT_WIRELESS_SILENCE_LIMIT);
    }

    public MasterSettings withPollInterval(Duration interval) {
        return new MasterSettings(interval, readoutListRetries, clearStatusAutomatically, clockSyncHour,
                wirelessSilenceLimit);
    }

    public MasterSettings withClearStatusAutomatically(boolean clear) {
        return new MasterSettings(pollInterval, readoutListRetries, clear, clockSyncHour, wirelessSilenceLimit);
    }

    public MasterSettings withClockSyncHour(int hour) {
        return new MasterSettings(pollInterval, readoutListRetries, clearStatusAutomatically, hour, wirelessSilenceLimit);
    }

    public MasterSettings withWirelessSilenceLimit(Duration limit) {
        return new MasterSettings(pollInterval, readoutListRetries, clearStatusAutomatically, clockSyncHour, limit);
    }
}
