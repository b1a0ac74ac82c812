package org.p2gate.headend.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The known values the test server serves: the object model of the brief for channels 1 and 2
 * (3 and 4 do not exist), a 240-entry hourly profile per channel, three M-Bus events.
 */
public final class DeviceModel {

    public static final Instant PROFILE_START = Instant.parse("2026-02-20T00:00:00Z");
    public static final int PROFILE_ENTRIES = 240;
    public static final Instant CLOCK = Instant.parse("2026-03-01T10:15:30Z");
    public static final Instant VALUE_CAPTURED = Instant.parse("2026-03-01T10:00:00Z");
    public static final List<Instant> EVENT_TIMES = List.of(Instant.parse("2026-03-01T08:00:00Z"),
            Instant.parse("2026-03-01T09:00:00Z"), Instant.parse("2026-03-01T09:30:00Z"));
    public static final List<Integer> EVENT_CODES = List.of(105, 111, 136);

    public List<Integer> channels() {
        return List.of(1, 2);
    }

    /** Channel 1: a bound gas meter, NET, serial 12345678. Channel 2: a free channel. */
    public static long identificationNumber(int channel) {
        return channel == 1 ? 0x12345678L : 0;
    }

    /** The raw value of the value register: channel 1 1234.567 m³ (scaler −3), channel 2 42 (scaler 2, °C?). */
    public static long rawValue(int channel) {
        return channel == 1 ? 1_234_567L : 42L;
    }

    public static int scaler(int channel) {
        return channel == 1 ? -3 : 2;
    }

    public static int unit(int channel) {
        return channel == 1 ? 13 : 30;
    }

    /** Profile entry i (1-based): the clock, hourly from PROFILE_START. */
    public static Instant profileClock(int entry) {
        return PROFILE_START.plus(Duration.ofHours(entry - 1L));
    }

    public static long profileRaw(int entry) {
        return 1_000_000L + 10L * entry;
    }

    byte[] encode(String ln, int attribute, int selector, Object parameters) {
        String[] p = ln.split("\\.");
        int channel = Integer.parseInt(p[1]);
        String key = p[2] + "." + p[3] + "." + p[4];
        if (ln.equals("0.0.1.0.0.255") && attribute == 2) {
            return Axdr.of().dateTime(CLOCK).bytes();
        }
        if (ln.equals("0.0.99.98.3.255") && attribute == 2) {
            Axdr a = Axdr.of().array(EVENT_CODES.size());
            for (int i = 0; i < EVENT_CODES.size(); i++) {
                a.structure(2).dateTime(EVENT_TIMES.get(i)).unsigned(EVENT_CODES.get(i));
            }
            return a.bytes();
        }
        return switch (key) {
            case "24.1.0" -> clientSetup(channel, attribute);
            case "24.2.1" -> value(channel, attribute);
            case "96.1.0" -> attribute == 2 ? Axdr.of().octetString(
                    ("E0003" + channel + "00012345678").substring(0, 17).getBytes(StandardCharsets.US_ASCII)).bytes()
                    : null;
            case "24.3.0" -> profile(channel, attribute, selector, parameters);
            default -> null;
        };
    }

    private static byte[] clientSetup(int channel, int attribute) {
        boolean bound = channel == 1;
        Axdr a = Axdr.of();
        return switch (attribute) {
            case 2 -> a.octetString(new byte[] {0, 0, 24, 6, 0, (byte) 255}).bytes();
            case 3 -> bound ? a.array(2).structure(2).octetString(new byte[] {0x0C}).octetString(new byte[] {0x13})
                    .structure(2).octetString(new byte[] {0x04}).octetString(new byte[] {(byte) 0xFD, 0x17}).bytes()
                    : a.array(0).bytes();
            case 4 -> a.doubleLongUnsigned(3600).bytes();
            case 5 -> a.unsigned(bound ? 5 : 0).bytes();
            case 6 -> a.doubleLongUnsigned(identificationNumber(channel)).bytes();
            case 7 -> a.longUnsigned(bound ? 0x38B4 : 0).bytes();
            case 8 -> a.unsigned(bound ? 0x14 : 0).bytes();
            case 9 -> a.unsigned(bound ? 3 : 0).bytes();
            case 10 -> a.unsigned(bound ? 42 : 0).bytes();
            case 11 -> a.unsigned(bound ? 0x10 : 0).bytes();
            case 12 -> a.unsigned(bound ? 0x02 : 0).bytes();
            case 13 -> a.longUnsigned(bound ? 0x0101 : 0).bytes();
            case 14 -> a.enumerated(bound ? 4 : 0).bytes();
            default -> null;
        };
    }

    private static byte[] value(int channel, int attribute) {
        Axdr a = Axdr.of();
        return switch (attribute) {
            case 2 -> a.doubleLongUnsigned(rawValue(channel)).bytes();
            case 3 -> a.structure(2).integer(scaler(channel)).enumerated(unit(channel)).bytes();
            case 4 -> a.unsigned(channel == 1 ? 0 : 0x04).bytes();
            case 5 -> channel == 1 ? a.dateTime(VALUE_CAPTURED).bytes()
                    : a.octetString(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x80, 0, (byte) 0xFF}).bytes();
            default -> null;
        };
    }

    private static byte[] profile(int channel, int attribute, int selector, Object parameters) {
        String value = "0." + channel + ".24.2.1.255";
        return switch (attribute) {
            case 3 -> Axdr.of().array(4)
                    .raw(column(8, "0.0.1.0.0.255", 2)).raw(column(4, value, 4))
                    .raw(column(4, value, 2)).raw(column(4, value, 5)).bytes();
            case 4 -> Axdr.of().doubleLongUnsigned(3600).bytes();
            case 7 -> Axdr.of().doubleLongUnsigned(PROFILE_ENTRIES).bytes();
            case 8 -> Axdr.of().doubleLongUnsigned(PROFILE_ENTRIES).bytes();
            case 2 -> rows(selected(selector, parameters));
            default -> null;
        };
    }

    /** The 1-based entries a selective access selects, as the standard defines it (Blue Book 4.3.6). */
    private static List<Integer> selected(int selector, Object parameters) {
        List<Integer> entries = new ArrayList<>();
        if (selector == 2) {
            List<?> p = (List<?>) parameters;
            long from = ((Number) p.get(0)).longValue();
            long to = ((Number) p.get(1)).longValue();
            long last = to == 0 ? PROFILE_ENTRIES : Math.min(to, PROFILE_ENTRIES);
            for (long i = from; i <= last; i++) {
                entries.add((int) i);
            }
        } else if (selector == 1) {
            List<?> p = (List<?>) parameters;
            Instant from = Axdr.decodeUtc((byte[]) p.get(1));
            Instant to = Axdr.decodeUtc((byte[]) p.get(2));
            for (int i = 1; i <= PROFILE_ENTRIES; i++) {
                Instant t = profileClock(i);
                if (from != null && to != null && !t.isBefore(from) && !t.isAfter(to)) {
                    entries.add(i);
                }
            }
        } else {
            for (int i = 1; i <= PROFILE_ENTRIES; i++) {
                entries.add(i);
            }
        }
        return entries;
    }

    private static byte[] rows(List<Integer> entries) {
        Axdr a = Axdr.of().array(entries.size());
        for (int i : entries) {
            a.structure(4).dateTime(profileClock(i)).unsigned(0).doubleLongUnsigned(profileRaw(i))
                    .dateTime(profileClock(i).minus(Duration.ofMinutes(5)));
        }
        return a.bytes();
    }

    private static byte[] column(int classId, String ln, int attribute) {
        byte[] name = new byte[6];
        String[] parts = ln.split("\\.");
        for (int i = 0; i < 6; i++) {
            name[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Axdr.of().structure(4).longUnsigned(classId).octetString(name).integer(attribute).longUnsigned(0)
                .bytes();
    }
}
