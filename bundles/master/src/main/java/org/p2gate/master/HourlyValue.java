package org.p2gate.master;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An hourly value of a channel (P2 4.2.2 §6.1, Appendix A: the record with storage number 1 and its
 * type-I UTC timestamp), as COSEM 0-x:24.2.1.255 shows it: value = mantissa × 10^scaler in the
 * COSEM unit.
 *
 * @param captureTime the meter's own timestamp of the value (UTC, a whole hour)
 * @param value       the exact value in the meter's unit
 * @param unit        the unit as text (e.g. "m^3")
 * @param cosemUnit   the IEC 62056-6-2 unit code (e.g. 13 for m³)
 * @param scaler      the power of ten of the COSEM scaler_unit
 * @param status      the status byte that came with it: the error flags record 01 FD 17 (P2 §6.3.3), or the
 *                    channel's last known status if the message had none — never the header's (§4.2.5)
 */
public record HourlyValue(Instant captureTime, BigDecimal value, String unit, int cosemUnit, int scaler, int status) {

    public HourlyValue {
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("a status byte is 0..255, got " + status);
        }
    }
}
