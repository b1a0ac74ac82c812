package org.p2gate.cosem.mbus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The 12-byte COSEM date-time (IEC 62056-6-2 §4.1.6.1: year(2) month day weekday hour minute second
 * hundredths deviation(2) clock-status). The M-Bus objects give UTC: deviation 0, status 0.
 */
final class CosemDateTime {

    static final int LENGTH = 12;
    /** "Not specified": every field FFh (deviation 8000h), for a value never captured. */
    static final byte[] NOT_SPECIFIED = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x80, 0x00, (byte) 0xFF};

    private CosemDateTime() {}

    static byte[] encode(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return new byte[] {(byte) (t.getYear() >> 8), (byte) t.getYear(), (byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
                (byte) t.getDayOfWeek().getValue(), (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(),
                (byte) (t.getNano() / 10_000_000), 0, 0, 0};
    }

    /**
     * The instant of a date-time given by a client (e.g. a selective-access range), its deviation applied
     * (minutes of local time to UTC: UTC = local time + deviation, so CET is −60); empty if a field this
     * needs is not specified or out of range. Unspecified seconds and hundredths count as 0.
     */
    static Optional<Instant> decode(byte[] b) {
        if (b.length != LENGTH) {
            return Optional.empty();
        }
        int year = (b[0] & 0xFF) << 8 | b[1] & 0xFF;
        int month = b[2] & 0xFF;
        int day = b[3] & 0xFF;
        int hour = b[5] & 0xFF;
        int minute = b[6] & 0xFF;
        int second = b[7] & 0xFF;
        int hundredths = b[8] & 0xFF;
        int deviation = (short) ((b[9] & 0xFF) << 8 | b[10] & 0xFF);
        if (year == 0xFFFF || month > 12 || day > 31 || hour > 23 || minute > 59) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second > 59 ? 0 : second,
                    hundredths > 99 ? 0 : hundredths * 10_000_000);
            // IEC 62056-6-2: 8000h = deviation not specified: the time is taken as UTC
            int minutes = deviation == (short) 0x8000 ? 0 : deviation;
            return Optional.of(local.toInstant(ZoneOffset.UTC).plusSeconds(60L * minutes));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
