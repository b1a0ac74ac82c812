package org.p2gate.mbus.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Objects;

/** The value of a data record, typed as EN 13757-3 Annex A codes it. */
public sealed interface RecordValue {

    /** No data: data field 0h, or a selection for readout (8h). */
    record None() implements RecordValue {}

    /**
     * A number, exactly: {@code mantissa × 10^exponent}, the exponent being the VIF's (types A, B,
     * C, LVAR numbers). Type H keeps its float's exact value. Held as a {@code long} when the
     * mantissa fits one (nearly always), so decoding a record allocates no BigInteger.
     */
    final class Numeric implements RecordValue {
        /** The mantissa when it fits a long; {@code big} is null then. */
        private final long small;
        private final BigInteger big;
        private final int exponent;

        public Numeric(BigInteger mantissa, int exponent) {
            Objects.requireNonNull(mantissa, "mantissa");
            boolean fits = mantissa.bitLength() < Long.SIZE;
            this.small = fits ? mantissa.longValue() : 0;
            this.big = fits ? null : mantissa;
            this.exponent = exponent;
        }

        private Numeric(long mantissa, int exponent) {
            this.small = mantissa;
            this.big = null;
            this.exponent = exponent;
        }

        public static Numeric of(long mantissa, int exponent) {
            return new Numeric(mantissa, exponent);
        }

        public static Numeric of(BigDecimal value) {
            return new Numeric(value.unscaledValue(), -value.scale());
        }

        public BigInteger mantissa() {
            return big != null ? big : BigInteger.valueOf(small);
        }

        public int exponent() {
            return exponent;
        }

        public BigDecimal decimal() {
            return big != null ? new BigDecimal(big, -exponent) : BigDecimal.valueOf(small, -exponent);
        }

        Numeric negateIf(boolean negate) {
            if (!negate) {
                return this;
            }
            return big == null && small != Long.MIN_VALUE ? new Numeric(-small, exponent)
                    : new Numeric(mantissa().negate(), exponent);
        }

        @Override
        public boolean equals(Object o) {
            // one representation per mantissa (a long whenever it fits), so fields compare directly
            return o instanceof Numeric n && exponent == n.exponent && small == n.small && Objects.equals(big, n.big);
        }

        @Override
        public int hashCode() {
            return (big != null ? big.hashCode() : Long.hashCode(small)) * 31 + exponent;
        }

        @Override
        public String toString() {
            return "Numeric[mantissa=" + mantissa() + ", exponent=" + exponent + "]";
        }
    }

    /** Type G (date). */
    record Date(LocalDate date) implements RecordValue {
        public Date {
            Objects.requireNonNull(date, "date");
        }
    }

    /** Type F (minutes) or type I (seconds); {@code summerTime} is the SU bit of type F. */
    record DateTime(LocalDateTime dateTime, boolean summerTime) implements RecordValue {
        public DateTime {
            Objects.requireNonNull(dateTime, "dateTime");
        }
    }

    /** Type J (time of day). */
    record Time(LocalTime time) implements RecordValue {
        public Time {
            Objects.requireNonNull(time, "time");
        }
    }

    /** LVAR text (00h..BFh), in reading order (it is sent last character first). */
    record Text(String text) implements RecordValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Type D: bits, bit 0 = bit 0 of the first byte sent. */
    record Bits(long bits, int width) implements RecordValue {}

    /** Binary data as sent (LVAR E0h..EFh, key material, manufacturer specific). Never printed. */
    record Bytes(byte[] bytes) implements RecordValue {
        public Bytes {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + " bytes]";
        }
    }

    /**
     * The data is not a valid value of its type (a BCD nibble above 9, a date with month 13, the
     * invalid bit of type F, a NaN float); the record's bytes are kept, and this says why.
     */
    record Invalid(String reason) implements RecordValue {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
