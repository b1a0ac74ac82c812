package org.p2gate.headend;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The COSEM date-time octet-string (DLMS Blue Book 4.1.6.1, 12 bytes): year (2), month, day,
 * weekday, hour, minute, second, hundredths, deviation (2, signed minutes), clock status. P3 times
 * are UTC with deviation 0 (DSMR P3); any other deviation is refused rather than guessed at.
 */
final class CosemDateTime {

    static final int LENGTH = 12;
    private static final int NOT_SPECIFIED_DEVIATION = 0x8000;

    private CosemDateTime() {}

    /** The instant of a date-time; empty when the year is "not specified" (an unset capture time). */
    static Optional<Instant> decode(byte[] b) throws HeadEndException {
        if (b.length != LENGTH) {
            throw new HeadEndException(HeadEndException.Kind.UNEXPECTED_ANSWER,
                    "a COSEM date-time has 12 bytes, the gateway sent " + b.length);
        }
        int year = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        int month = b[2] & 0xFF;
        int day = b[3] & 0xFF;
        int hour = b[5] & 0xFF;
        int minute = b[6] & 0xFF;
        int second = b[7] & 0xFF;
        int hundredths = b[8] & 0xFF;
        int deviation = (b[9] & 0xFF) << 8 | (b[10] & 0xFF);
        if (year == 0xFFFF || month == 0xFF || day == 0xFF || hour == 0xFF || minute == 0xFF) {
            if (year == 0xFFFF || year == 0) {
                return Optional.empty();
            }
            throw new HeadEndException(HeadEndException.Kind.UNEXPECTED_ANSWER,
                    "a date-time with unspecified fields where P3 needs a complete UTC time");
        }
        if (deviation != 0 && deviation != NOT_SPECIFIED_DEVIATION) {
            throw new HeadEndException(HeadEndException.Kind.UNEXPECTED_ANSWER, "a date-time with deviation "
                    + (short) deviation + " min; P3 times are UTC with deviation 0");
        }
        try {
            LocalDateTime time = LocalDateTime.of(year, month, day, hour, minute, second == 0xFF ? 0 : second,
                    hundredths == 0xFF ? 0 : hundredths * 10_000_000);
            return Optional.of(time.toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            throw new HeadEndException(HeadEndException.Kind.UNEXPECTED_ANSWER,
                    "an invalid date-time from the gateway: " + e.getMessage());
        }
    }

    /** The date-time of an instant in UTC, deviation 0, clock status 0. */
    static byte[] encode(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return new byte[] {
            (byte) (t.getYear() >> 8), (byte) t.getYear(), (byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
            (byte) t.getDayOfWeek().getValue(), (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(),
            (byte) (t.getNano() / 10_000_000), 0, 0, 0};
    }
}
