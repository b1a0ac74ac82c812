package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.mbus.record.DataTypes;

/**
 * Issue 15 item 4, P2 4.2.2 §6.1 ("M-Bus devices can transfer either actual values or hourly values") and §6.4.3
 * ("either value will be accompanied with a time stamp of the moment the value is determined. The Storage Number
 * bit in the DIF block of the time stamp signifies the hourly value"); Appendix A prints DIF 0Ch. A meter that sends
 * its actual value gets it stored with its time stamp, marked as actual, and never in the hourly profile.
 */
class ActualValueTest {

    /** The device's actual time in its answer: 23:41:17, not a whole hour. */
    private static final LocalDateTime DEVICE_TIME = LocalDateTime.parse("2026-11-20T23:41:17");

    /** An answer of a meter that transfers actual values: 4C 13 → 0C 13; 46 6D → 06 6D at its own time, or blanked. */
    private static byte[] actual(byte[] frame, boolean withTime) {
        if (frame.length < 20) {
            return frame;
        }
        byte[] out = frame.clone();
        for (int i = 19; i < out.length - 8; i++) {
            if ((out[i] & 0xFF) == 0x4C && out[i + 1] == 0x13) {
                out[i] = 0x0C;
            } else if ((out[i] & 0xFF) == 0x46 && out[i + 1] == 0x6D) {
                if (withTime) {
                    out[i] = 0x06;
                    DataTypes.encodeTypeI(DEVICE_TIME, out, i + 2);
                } else {
                    java.util.Arrays.fill(out, i, i + 8, (byte) 0x2F); // idle fillers: no time stamp at all
                }
                i += 7;
            }
        }
        return TamperingDevice.checksummed(out);
    }

    @Test
    void p2_6_1_anActualValueIsStoredWithTheDevicesTimeStampAndNotInTheHourlyProfile() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            device.tamper(frame -> actual(frame, true));
            b.bind(Bench.CH1, device);

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.DONE, read.outcome(), "an actual value is a value, not an INCOMPLETE read: " + read);
            ChannelState state = b.store.channel(Bench.CH1);
            HourlyValue actual = state.lastActualValue().orElseThrow();
            assertEquals(Instant.parse("2026-11-20T23:41:17Z"), actual.captureTime(), "the device's time stamp (06 6D)");
            assertEquals(new BigDecimal("0.875"), actual.value(), "the number the meter sent (its register at 23:00)");
            assertTrue(state.lastHourlyValue().isEmpty(), "not an hourly value");
            assertTrue(b.store.hourlyValues(Bench.CH1, Instant.EPOCH, Instant.MAX).isEmpty(), "never in the hourly profile");
        }
    }

    @Test
    void p2_6_1_anActualValueWithoutTimeStampTakesTheTimeItWasRead() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            device.tamper(frame -> actual(frame, false));
            b.bind(Bench.CH1, device);

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            HourlyValue actual = b.store.channel(Bench.CH1).lastActualValue().orElseThrow();
            Instant readAt = b.time.now();
            assertTrue(!actual.captureTime().isAfter(readAt) && actual.captureTime().isAfter(readAt.minusSeconds(5)),
                    actual.captureTime() + " is the read time " + readAt);
            assertTrue(b.store.hourlyValues(Bench.CH1, Instant.EPOCH, Instant.MAX).isEmpty());
        }
    }
}
