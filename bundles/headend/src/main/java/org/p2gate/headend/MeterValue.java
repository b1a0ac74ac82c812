package org.p2gate.headend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The M-Bus master value 0-x:24.2.1.255 (extended register, class 4): the value with its scaler
 * applied exactly (BigDecimal, never double), the COSEM unit, the status and the capture time.
 */
public record MeterValue(int channel, BigDecimal value, long rawValue, int scaler, int unitCode, String unit,
        int status, Optional<Instant> captureTime) {
}
