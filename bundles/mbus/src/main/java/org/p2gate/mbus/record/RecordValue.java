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
     * C, LVAR numbers). Type H keeps its float's exact value.
     */
    record Numeric(BigInteger mantissa, int exponent) implements RecordValue {
        public Numeric {
            Objects.requireNonNull(mantissa, "mantissa");
        }

        public static Numeric of(long mantissa, int exponent) {
            return new Numeric(BigInteger.valueOf(mantissa), exponent);
        }

        public static Numeric of(BigDecimal value) {
            return new Numeric(value.unscaledValue(), -value.scale());
        }

        public BigDecimal decimal() {
            return new BigDecimal(mantissa, -exponent);
        }

        Numeric negateIf(boolean negate) {
            return negate ? new Numeric(mantissa.negate(), exponent) : this;
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
