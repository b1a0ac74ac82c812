package org.p2gate.mbus.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A number as a COSEM register holds it: value = mantissa × 10^scaler, exactly (IEC 62056-6-2
 * scaler_unit). The scaler of a COSEM register is an int8; {@link #fitsCosemScaler()} says
 * whether this one does.
 */
public record ScaledValue(BigInteger mantissa, int scaler) {

    public ScaledValue {
        Objects.requireNonNull(mantissa, "mantissa");
    }

    public static ScaledValue of(long mantissa, int scaler) {
        return new ScaledValue(BigInteger.valueOf(mantissa), scaler);
    }

    /** mantissa × 10^scaler as an exact decimal. */
    public BigDecimal toBigDecimal() {
        return new BigDecimal(mantissa, -scaler);
    }

    public boolean fitsCosemScaler() {
        return scaler >= Byte.MIN_VALUE && scaler <= Byte.MAX_VALUE;
    }
}
