package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;

/** P2 4.2.2 §4.3 ("Polling should be on an hourly basis"), §6.1, §6.4.3, §6.4.4, Appendix A. */
class HourlyReadingTest {

    @Test
    void aDayOfHourlyPollsStoresTwentyFourExactValuesPerChannelWithScalerUnitAndCaptureTime() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter g4 = Bench.gas(11111111, 5).build();
            Register tensOfLitres = Register.linear(Bench.START, 50_000, 37);
            DsmrMeter g10 = DsmrMeter.builder(MeterProfile.gasG10(tensOfLitres), Bench.gasId(22222222)).primaryAddress(7)
                    .build();
            b.bind(Bench.CH1, g4);
            b.bind(Bench.CH2, g10);

            b.master.start();
            b.time.advance(Duration.ofHours(24)); // 2026-11-20 23:30 → 2026-11-21 23:30: polls just after 00:00 .. 23:00

            Instant day = Instant.parse("2026-11-21T00:00:00Z");
            // the read at start stored 23:00 of the day before (startReadsEveryBoundWiredChannelAtOnce)
            List<HourlyValue> one = b.store.hourlyValues(Bench.CH1, day, day.plus(Duration.ofDays(2)));
            List<HourlyValue> two = b.store.hourlyValues(Bench.CH2, day, day.plus(Duration.ofDays(2)));
            assertEquals(24, one.size(), "one value per whole hour, channel 1");
            assertEquals(24, two.size(), "one value per whole hour, channel 2");
            assertEquals(new BigDecimal("1.125"), one.get(0).value(), "1000 l + 250 l/h × 0.5 h at 00:00, in m³");
            assertEquals(new BigDecimal("500.18"), two.get(0).value(), "50000 × 10 l + 18 × 10 l at 00:00 (G10: VIF 14h)");
            for (int h = 0; h < 24; h++) {
                Instant capture = day.plus(Duration.ofHours(h));
                HourlyValue v1 = one.get(h);
                assertEquals(capture, v1.captureTime(), "the meter's own type-I UTC time stamp");
                assertEquals(new BigDecimal(BigInteger.valueOf(1_125 + 250L * h), 3), v1.value());
                assertEquals(13, v1.cosemUnit(), "m³");
                assertEquals("m^3", v1.unit());
                assertEquals(-3, v1.scaler(), "VIF 13h: 0.001 m³");
                HourlyValue v2 = two.get(h);
                assertEquals(capture, v2.captureTime());
                assertEquals(new BigDecimal(BigInteger.valueOf(tensOfLitres.countsAt(capture)), 2), v2.value());
                assertEquals(13, v2.cosemUnit());
                assertEquals(-2, v2.scaler(), "VIF 14h: 0.01 m³");
            }
            ChannelState state = b.store.channel(Bench.CH1);
            assertEquals(Optional.of(one.get(23)), state.lastHourlyValue());
            assertEquals(Optional.of(Bench.gasId(11111111)), state.device());
            assertEquals(Optional.of("XXXXX110111111111"), state.equipmentIdentifier());
            assertEquals(0x05, state.configurationMask().getAsInt(), "clock + converted volume (P2 §6.4.8)");
            assertEquals(Map.of(), b.master.rejections(Bench.CH1));
            assertEquals(List.of(105, 115, 104, 114), b.sink.codes(), "the bindings, then the daily clock synchronisation at 03:00 UTC");
        }
    }

    @Test
    void startReadsEveryBoundWiredChannelAtOnce() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.bind(Bench.CH3, Bench.gas(33333333, 9).build());
            assertEquals(Optional.empty(), b.store.channel(Bench.CH1).device(), "bound, not read yet");

            b.master.start();
            b.time.advance(Duration.ofSeconds(5)); // 23:30:05, the next whole-hour poll is at 00:01:30

            for (Channel channel : List.of(Bench.CH1, Bench.CH3)) {
                ChannelState state = b.store.channel(channel);
                assertEquals(Optional.of(Bench.gasId(channel == Bench.CH1 ? 11111111 : 33333333)), state.device(),
                        channel + ": the identity learnt from the first answer");
                HourlyValue last = state.lastHourlyValue().orElseThrow();
                assertEquals(Instant.parse("2026-11-20T23:00:00Z"), last.captureTime(), "the meter's last whole hour");
                assertEquals(new BigDecimal("0.875"), last.value(), "1000 l at 23:30 less 0.5 h × 250 l/h, in m³");
            }
            assertEquals(Optional.empty(), b.store.channel(Bench.CH2).binding(), "a free channel is not read");
        }
    }

    @Test
    void startReadsAgainAfterARestartAndKeepsWhatTheStoreHad() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.master.start();
            b.time.advance(Duration.ofHours(2)); // 23:00 (start), 00:00, 01:00
            b.master.stop();
            long heard = b.bus.requestsHeard();
            List<HourlyValue> before = b.store.hourlyValues(Bench.CH1, Instant.MIN, Instant.MAX);

            b.master.start(); // as after a restart: the store has the values, the device is read once more at once
            b.time.advance(Duration.ofSeconds(5));
            assertTrue(b.bus.requestsHeard() > heard, "the device was asked at once");
            assertEquals(before, b.store.hourlyValues(Bench.CH1, Instant.MIN, Instant.MAX),
                    "the same whole hour read again is not stored twice");
            assertEquals(3, before.size());
        }
    }

    @Test
    void pollingFollowsTheConfiguredIntervalAlignedToUtc() throws Exception {
        try (Bench b = new Bench(MasterSettings.defaults().withPollInterval(Duration.ofMinutes(15)))) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.master.start();
            b.time.advance(Duration.ofHours(1)); // 23:30 → 00:30: polls at 23:45, 00:00, 00:15, 00:30
            // the meter keeps one value per whole hour: 23:00 (polled at 23:45) and 00:00
            assertEquals(2, b.store.hourlyValues(Bench.CH1, Bench.START.minus(Duration.ofHours(2)),
                    Bench.START.plus(Duration.ofHours(2))).size());
            b.master.stop();
            long before = b.bus.requestsHeard();
            b.time.advance(Duration.ofHours(2));
            assertEquals(before, b.bus.requestsHeard(), "no polls after stop()");
        }
    }
}
