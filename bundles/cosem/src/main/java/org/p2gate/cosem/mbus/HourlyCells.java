package org.p2gate.cosem.mbus;

import java.math.BigInteger;
import java.util.Optional;
import org.p2gate.master.HourlyValue;

/**
 * An hourly value as COSEM shows it (P2 4.2.2 Appendix A; DESIGN "Units and values"): the integer
 * mantissa with value = mantissa × 10^scaler exactly, never through a double.
 */
final class HourlyCells {

    private HourlyCells() {}

    /** The mantissa; empty if the value is not an integer multiple of 10^scaler (never for values the master stores). */
    static Optional<BigInteger> mantissa(HourlyValue value) {
        try {
            return Optional.of(value.value().movePointLeft(value.scaler()).toBigIntegerExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The value cell: the mantissa as double-long(-unsigned) or long64(-unsigned), or null-data. */
    static byte[] value(HourlyValue value) {
        return mantissa(value).map(m -> new Axdr().integral(m).bytes()).orElse(new byte[] {0x00});
    }

    static byte[] status(HourlyValue value) {
        return new Axdr().unsigned(value.status()).bytes();
    }

    static byte[] time(HourlyValue value) {
        return new Axdr().octetString(CosemDateTime.encode(value.captureTime())).bytes();
    }
}
