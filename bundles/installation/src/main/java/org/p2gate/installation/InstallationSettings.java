package org.p2gate.installation;

import java.time.Duration;
import java.util.Objects;

/**
 * How installation runs.
 *
 * @param discoverOnPowerOn whether a power-up starts installation mode (P2 §8.1, §8.3.1.1 "discover_on_power_on")
 * @param window            how long installation mode lasts after its trigger (P2 §8.3.1: 1 hour)
 * @param sweepInterval     how often the unused addresses 1..250 are scanned (P2 §8.3.1: once per minute)
 * @param pieceSize         addresses probed in one master operation: the scan yields the bus to any other transfer
 *                          between pieces (P2 §8.3.1: "This scan will be suspended for any other data transfer")
 * @param stepRetries       retries of a failed step of the task chain (the readout list's are the master's, §6.3.1)
 * @param retryDelay        the wait before such a retry
 */
public record InstallationSettings(boolean discoverOnPowerOn, Duration window, Duration sweepInterval, int pieceSize,
        int stepRetries, Duration retryDelay) {

    public InstallationSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (window.isNegative() || window.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("the installation window and the sweep interval are positive");
        }
        if (pieceSize < 2 || pieceSize > 251) {
            throw new IllegalArgumentException("a scan piece probes 2..251 addresses (address 0 and at least one more), got " + pieceSize);
        }
        if (stepRetries < 0 || retryDelay.isNegative()) {
            throw new IllegalArgumentException("step retries and their delay are not negative");
        }
    }

    /** P2 §8.3.1's numbers: one hour, every minute; pieces of 16 addresses (about 3 s of bus time); 2 retries a minute apart. */
    public static InstallationSettings defaults() {
        return new InstallationSettings(false, Duration.ofHours(1), Duration.ofMinutes(1), 16, 2, Duration.ofMinutes(1));
    }

    public InstallationSettings withDiscoverOnPowerOn(boolean on) {
        return new InstallationSettings(on, window, sweepInterval, pieceSize, stepRetries, retryDelay);
    }
}
