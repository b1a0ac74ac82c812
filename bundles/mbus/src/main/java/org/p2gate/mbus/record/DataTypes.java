package org.p2gate.mbus.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.Bcd;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * The data types of EN 13757-3 Annex A, decode and encode. Decoders are strict: a value that is
 * not valid for its type is a {@link Reason#BAD_VALUE}. Two-digit years are 2000..2099 (type F's
 * hundred-year bits, when set, count centuries from 1900).
 */
public final class DataTypes {

    private DataTypes() {}

    /** Type B: signed binary integer, two's complement, 1..8 bytes LSB first. */
    public static long signed(byte[] data, int offset, int length) {
        long raw = LittleEndian.read(data, offset, length);
        int unused = 64 - 8 * length;
        return raw << unused >> unused;
    }

    /** Type C: unsigned binary integer, 1..8 bytes (8 bytes: as a BigInteger). */
    public static BigInteger unsigned(byte[] data, int offset, int length) {
        long raw = LittleEndian.read(data, offset, length);
        return length < 8 || raw >= 0 ? BigInteger.valueOf(raw) : BigInteger.valueOf(raw).add(BigInteger.ONE.shiftLeft(64));
    }

    /**
     * Type A: BCD, 1..9 bytes LSB first; negative when the most significant nibble is Fh
     * (EN 13757-3 Annex A, type A).
     */
    public static long bcd(byte[] data, int offset, int length) throws DecodeException {
        int top = data[offset + length - 1] & 0xFF;
        boolean negative = (top & 0xF0) == 0xF0;
        for (int i = 0; i < length; i++) {
            int b = data[offset + i] & 0xFF;
            boolean lowBad = (b & 0x0F) > 9;
            boolean highBad = (b >> 4) > 9 && !(negative && i == length - 1);
            if (lowBad || highBad) {
                throw new DecodeException(Reason.BAD_VALUE, offset + i,
                        "BCD digit above 9 in byte " + Integer.toHexString(b) + "h");
            }
        }
        if (!negative) {
            return Bcd.decode(data, offset, length);
        }
        long magnitude = (top & 0x0F);
        for (int i = length - 2; i >= 0; i--) {
            int b = data[offset + i] & 0xFF;
            magnitude = magnitude * 100 + (b >> 4) * 10 + (b & 0x0F);
        }
        return -magnitude;
    }

    /** Writes {@code value} as {@code length} BCD bytes; a negative value takes Fh as its top nibble. */
    public static void encodeBcd(long value, byte[] out, int offset, int length) {
        if (value >= 0) {
            Bcd.encode(value, out, offset, length);
            return;
        }
        long magnitude = -value;
        if (length < 1 || magnitude < 0) {
            throw new IllegalArgumentException("cannot code " + value + " as BCD");
        }
        long limit = 1;
        for (int i = 0; i < 2 * length - 1; i++) {
            limit *= 10;
        }
        if (magnitude >= limit) {
            throw new IllegalArgumentException(value + " does not fit in " + (2 * length - 1) + " BCD digits and a sign");
        }
        Bcd.encode(magnitude, out, offset, length);
        out[offset + length - 1] = (byte) (out[offset + length - 1] | 0xF0);
    }

    /** Type H: IEEE 754 single precision, exactly as a decimal; NaN and infinities are BAD_VALUE. */
    public static BigDecimal real32(byte[] data, int offset) throws DecodeException {
        float f = Float.intBitsToFloat((int) LittleEndian.read(data, offset, 4));
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            throw new DecodeException(Reason.BAD_VALUE, offset, "the real32 value is not a number");
        }
        return new BigDecimal(f);
    }

    /** Type G: date, 16 bits. */
    public static LocalDate typeG(byte[] data, int offset) throws DecodeException {
        int b0 = data[offset] & 0xFF;
        int b1 = data[offset + 1] & 0xFF;
        int day = b0 & 0x1F;
        int month = b1 & 0x0F;
        int year = (b0 >> 5) | (b1 >> 4) << 3;
        return date(year, month, day, offset);
    }

    public static void encodeTypeG(LocalDate date, byte[] out, int offset) {
        int y = twoDigitYear(date.getYear());
        out[offset] = (byte) (date.getDayOfMonth() | (y & 0x07) << 5);
        out[offset + 1] = (byte) (date.getMonthValue() | (y >> 3) << 4);
    }

    /** Type F: date and time to the minute, 32 bits; the IV bit (time invalid) is a BAD_VALUE. */
    public static RecordValue.DateTime typeF(byte[] data, int offset) throws DecodeException {
        int b0 = data[offset] & 0xFF;
        int b1 = data[offset + 1] & 0xFF;
        int b2 = data[offset + 2] & 0xFF;
        int b3 = data[offset + 3] & 0xFF;
        if ((b0 & 0x80) != 0) {
            throw new DecodeException(Reason.BAD_VALUE, offset, "type F date/time marked invalid (IV bit)");
        }
        int minute = b0 & 0x3F;
        int hour = b1 & 0x1F;
        int hundredYears = (b1 >> 5) & 0x03;
        int day = b2 & 0x1F;
        int month = b3 & 0x0F;
        int year = (b2 >> 5) | (b3 >> 4) << 3;
        LocalDate date = hundredYears == 0 ? date(year, month, day, offset)
                : dateOf(1900 + 100 * hundredYears + year, month, day, offset);
        return new RecordValue.DateTime(LocalDateTime.of(date, time(hour, minute, 0, offset)), (b1 & 0x80) != 0);
    }

    public static void encodeTypeF(LocalDateTime dateTime, boolean summerTime, byte[] out, int offset) {
        if (dateTime.getSecond() != 0 || dateTime.getNano() != 0) {
            throw new IllegalArgumentException("type F has no seconds: " + dateTime);
        }
        int y = twoDigitYear(dateTime.getYear());
        out[offset] = (byte) dateTime.getMinute();
        out[offset + 1] = (byte) (dateTime.getHour() | (summerTime ? 0x80 : 0));
        out[offset + 2] = (byte) (dateTime.getDayOfMonth() | (y & 0x07) << 5);
        out[offset + 3] = (byte) (dateTime.getMonthValue() | (y >> 3) << 4);
    }

    /**
     * Type I: date and time to the second, 48 bits (P2 4.2.2 §6.2.1 uses it for UTC): second
     * (byte 0 bits 0-5), minute (byte 1 bits 0-5), hour (byte 2 bits 0-4), day of week (byte 2
     * bits 5-7), day (byte 3 bits 0-4), month (byte 4 bits 0-3), year (byte 3 bits 5-7 low, byte 4
     * bits 4-7 high), week (byte 5 bits 0-5). The remaining flag bits are not interpreted.
     */
    public static LocalDateTime typeI(byte[] data, int offset) throws DecodeException {
        int second = data[offset] & 0x3F;
        int minute = data[offset + 1] & 0x3F;
        int hour = data[offset + 2] & 0x1F;
        int b3 = data[offset + 3] & 0xFF;
        int b4 = data[offset + 4] & 0xFF;
        int day = b3 & 0x1F;
        int month = b4 & 0x0F;
        int year = (b3 >> 5) | (b4 >> 4) << 3;
        return LocalDateTime.of(date(year, month, day, offset), time(hour, minute, second, offset));
    }

    /**
     * Writes type I as DSMR wants it (P2 4.2.2 §6.2.1): UTC fields, day of week 1 = Monday,
     * week 0, leap year 0, daylight saving fields 0.
     */
    public static void encodeTypeI(LocalDateTime dateTime, byte[] out, int offset) {
        int y = twoDigitYear(dateTime.getYear());
        out[offset] = (byte) dateTime.getSecond();
        out[offset + 1] = (byte) dateTime.getMinute();
        out[offset + 2] = (byte) (dateTime.getHour() | dateTime.getDayOfWeek().getValue() << 5);
        out[offset + 3] = (byte) (dateTime.getDayOfMonth() | (y & 0x07) << 5);
        out[offset + 4] = (byte) (dateTime.getMonthValue() | (y >> 3) << 4);
        out[offset + 5] = 0;
    }

    /** Type J: time of day, 24 bits (second, minute, hour). */
    public static LocalTime typeJ(byte[] data, int offset) throws DecodeException {
        return time(data[offset + 2] & 0x1F, data[offset + 1] & 0x3F, data[offset] & 0x3F, offset);
    }

    public static void encodeTypeJ(LocalTime time, byte[] out, int offset) {
        out[offset] = (byte) time.getSecond();
        out[offset + 1] = (byte) time.getMinute();
        out[offset + 2] = (byte) time.getHour();
    }

    private static int twoDigitYear(int year) {
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("M-Bus dates hold the years 2000..2099, got " + year);
        }
        return year - 2000;
    }

    private static LocalDate date(int twoDigitYear, int month, int day, int offset) throws DecodeException {
        if (twoDigitYear > 99) {
            throw new DecodeException(Reason.BAD_VALUE, offset, "year " + twoDigitYear + " is not two digits");
        }
        return dateOf(2000 + twoDigitYear, month, day, offset);
    }

    private static LocalDate dateOf(int year, int month, int day, int offset) throws DecodeException {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new DecodeException(Reason.BAD_VALUE, offset,
                    "not a date: year " + year + " month " + month + " day " + day);
        }
    }

    private static LocalTime time(int hour, int minute, int second, int offset) throws DecodeException {
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DecodeException(Reason.BAD_VALUE, offset,
                    "not a time: " + hour + ":" + minute + ":" + second);
        }
        return LocalTime.of(hour, minute, second);
    }
}
