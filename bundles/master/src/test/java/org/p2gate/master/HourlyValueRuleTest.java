package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.record.DataTypes;

/**
 * Issue 16 item 5, README "Hourly values": the profile and the value object follow one rule — an hourly value is
 * taken only at a whole hour (P2 §6.1, §6.4.3) and never backwards; the first value of an hour stays.
 */
class HourlyValueRuleTest {

    /** Rewrites the hourly time stamp (DIF 46h VIF 6Dh, type I) of an unencrypted answer; fixes the checksum. */
    private static UnaryOperator<byte[]> stamp(UnaryOperator<LocalDateTime> change) {
        return frame -> {
            byte[] out = frame.clone();
            for (int i = 19; i < out.length - 8; i++) {
                if ((out[i] & 0xFF) == 0x46 && (out[i + 1] & 0xFF) == 0x6D) {
                    try {
                        DataTypes.encodeTypeI(change.apply(DataTypes.typeI(out, i + 2)), out, i + 2);
                    } catch (DecodeException e) {
                        throw new IllegalStateException(e);
                    }
                    return TamperingDevice.checksummed(out);
                }
            }
            throw new IllegalStateException("no hourly time stamp");
        };
    }

    /** Changes the lowest BCD digit of the hourly gas volume (DIF 4Ch VIF 13h). */
    private static byte[] otherVolume(byte[] frame) {
        byte[] out = frame.clone();
        for (int i = 19; i < out.length - 6; i++) {
            if ((out[i] & 0xFF) == 0x4C && (out[i + 1] & 0xFF) == 0x13) {
                out[i + 2] ^= 0x01;
                return TamperingDevice.checksummed(out);
            }
        }
        throw new IllegalStateException("no hourly volume");
    }

    private static List<HourlyValue> profile(Bench b) {
        return b.store.hourlyValues(Bench.CH1, Bench.START.minus(Duration.ofDays(2)), Bench.START.plus(Duration.ofDays(2)));
    }

    @Test
    void profileAndValueTakeAValueOnlyAtAWholeHourAndNeverBackwards() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            b.bind(Bench.CH1, device);
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            HourlyValue first = b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow();
            assertEquals(Instant.parse("2026-11-20T23:00:00Z"), first.captureTime());
            assertEquals(List.of(first), profile(b));

            // the same hour with another value: the first value of the hour stays, in both
            device.tamper(HourlyValueRuleTest::otherVolume);
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            assertEquals(List.of(first), profile(b));
            assertEquals(first, b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow());

            // not a whole hour: neither takes it
            device.tamper(stamp(t -> t.plusMinutes(30)));
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            assertEquals(List.of(first), profile(b));
            assertEquals(first, b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow());

            // an older whole hour: the value object does not go back in time, the profile gets no entry
            device.tamper(stamp(t -> t.minusHours(2)));
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            assertEquals(List.of(first), profile(b));
            assertEquals(first, b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow());
            assertTrue(b.logLines().stream().anyMatch(l -> l.contains("is not a whole hour")), b.logLines().toString());
            assertTrue(b.logLines().stream().anyMatch(l -> l.contains("is older than the last one taken")));

            // the next hour, untouched: both move forward together
            device.tamper(UnaryOperator.identity());
            b.time.advance(Duration.ofHours(1));
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            HourlyValue next = b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow();
            assertEquals(Instant.parse("2026-11-21T00:00:00Z"), next.captureTime());
            assertEquals(List.of(first, next), profile(b));
        }
    }
}
