package org.p2gate.headend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the M-Bus profile 0-x:24.3.0.255: clock, status, value (scaled by the value
 * register's scaler) and the device's capture time.
 */
public record ProfileRow(Instant clock, int status, BigDecimal value, String unit, Optional<Instant> captureTime) {
}
