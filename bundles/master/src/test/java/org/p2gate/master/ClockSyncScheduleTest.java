package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.simulator.wired.DsmrMeter;

/**
 * P2 4.2.2 §6.2.1 and issue 5: the master sets the clock of every bound channel's device daily, at the
 * configured UTC hour, and at once when the E-meter's own clock was adjusted ({@link P2Master#clockChanged()}).
 * In virtual time against simulated meters whose clocks run off.
 */
class ClockSyncScheduleTest {

    private static List<Instant> clockAdjusted(Bench b, Channel channel) {
        return b.sink.events().stream().filter(e -> e.kind() == MBusEventKind.CLOCK_ADJUSTED && e.channel() == channel)
                .map(MBusEvent::time).toList();
    }

    private static Duration deviation(Bench b, DsmrMeter meter) {
        return Duration.between(LocalDateTime.ofInstant(b.time.now(), ZoneOffset.UTC), meter.clock(b.time.now())).abs();
    }

    @Test
    void everyBoundChannelIsSynchronisedDailyAtThreeUtcByDefault() throws Exception {
        assertEquals(3, MasterSettings.defaults().clockSyncHour());
        try (Bench b = new Bench()) {
            DsmrMeter gas = Bench.gas(11111111, 5).clockOffset(Duration.ofMinutes(5)).build();
            DsmrMeter water = Bench.gas(22222222, 6).clockOffset(Duration.ofSeconds(-90)).build();
            b.bind(Bench.CH1, gas);
            b.bind(Bench.CH2, water);
            b.master.start();

            b.time.advance(Duration.ofHours(3)); // START is 23:30: now 02:30, before the first sync
            assertEquals(List.of(), clockAdjusted(b, Bench.CH1));
            assertTrue(deviation(b, gas).compareTo(Duration.ofMinutes(4)) > 0, "not synchronised yet");

            b.time.advance(Duration.ofDays(3)); // until 02:30 three days later: syncs on the 21st, 22nd and 23rd
            for (Channel channel : List.of(Bench.CH1, Bench.CH2)) {
                List<Instant> syncs = clockAdjusted(b, channel);
                assertEquals(3, syncs.size(), channel + ": once a day " + syncs);
                for (int day = 0; day < 3; day++) {
                    Instant at = Instant.parse("2026-11-21T03:00:00Z").plus(Duration.ofDays(day));
                    Instant sync = syncs.get(day);
                    assertTrue(!sync.isBefore(at) && sync.isBefore(at.plusSeconds(60)), channel + ": day " + day
                            + " synchronised at " + sync + ", expected just after " + at);
                }
            }
            assertTrue(deviation(b, gas).compareTo(Duration.ofSeconds(1)) < 0, "the gas meter's clock is right now");
            assertTrue(deviation(b, water).compareTo(Duration.ofSeconds(1)) < 0, "the second meter's clock is right now");
            // a synchronised clock lags by the fraction of a second the whole-second time leaves; the polls run
            // P2Master.POLL_DELAY after the hour, so every hour still yields its own value, on time
            List<HourlyValue> values = b.store.hourlyValues(Bench.CH1, Instant.MIN, Instant.MAX);
            assertEquals(1 + 3 * 24 + 3, values.size(), "23:00 (the read at start), then 00:00 on the 21st to 02:00 on "
                    + "the 24th, each once");
            assertEquals(Instant.parse("2026-11-24T02:00:00Z"), values.get(values.size() - 1).captureTime(), "not an hour late");
        }
    }

    @Test
    void theSyncHourIsConfigurable() throws Exception {
        try (Bench b = new Bench(MasterSettings.defaults().withClockSyncHour(17))) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.master.start();
            b.time.advance(Duration.ofHours(42)); // 23:30 → 17:30 the day after next
            List<Instant> syncs = clockAdjusted(b, Bench.CH1);
            assertEquals(2, syncs.size(), syncs.toString());
            assertEquals(17, syncs.get(0).atZone(ZoneOffset.UTC).getHour());
            assertEquals(Instant.parse("2026-11-21T17:00:00Z"), syncs.get(0).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
            assertEquals(Instant.parse("2026-11-22T17:00:00Z"), syncs.get(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        }
    }

    @Test
    void stopEndsTheDailySync() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.master.start();
            b.time.advance(Duration.ofHours(4)); // one sync at 03:00
            b.master.stop();
            b.time.advance(Duration.ofDays(2));
            assertEquals(1, clockAdjusted(b, Bench.CH1).size());
        }
    }

    @Test
    void aClockChangeOfTheEMeterSynchronisesEveryBoundChannelAtOnce() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter gas = Bench.gas(11111111, 5).clockOffset(Duration.ofMinutes(-7)).build();
            DsmrMeter other = Bench.gas(33333333, 7).clockOffset(Duration.ofSeconds(30)).build();
            b.bind(Bench.CH1, gas);
            b.bind(Bench.CH2, other);
            // not started: no polling, no daily sync; the E-meter's clock was set by its own head-end
            List<CommandResult> results = b.await(b.master.clockChanged());
            assertEquals(2, results.size());
            assertEquals(Bench.CH1, results.get(0).channel());
            assertEquals(Bench.CH2, results.get(1).channel());
            assertTrue(results.stream().allMatch(CommandResult::done), results.toString());
            assertEquals(1, clockAdjusted(b, Bench.CH1).size());
            assertEquals(1, clockAdjusted(b, Bench.CH2).size());
            assertTrue(deviation(b, gas).compareTo(Duration.ofSeconds(1)) < 0);
            assertTrue(deviation(b, other).compareTo(Duration.ofSeconds(1)) < 0);
            assertTrue(b.time.now().isBefore(Bench.START.plus(Duration.ofMinutes(10))), "at once, not at the daily hour");
        }
    }

    @Test
    void aClockChangeWithNothingBoundCompletesWithNoResults() throws Exception {
        try (Bench b = new Bench()) {
            assertEquals(List.of(), b.await(b.master.clockChanged()));
        }
    }

    @Test
    void aClockChangeSynchronisesEncryptedChannelsInMode15() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter gas = Bench.gas(11111111, 5).userKey(Bench.USER_KEY).clockOffset(Duration.ofMinutes(3)).build();
            b.bind(Bench.CH1, gas);
            b.userKey(Bench.CH1, Bench.USER_KEY);
            List<CommandResult> results = b.await(b.master.clockChanged());
            assertTrue(results.get(0).done(), results.toString());
            assertTrue(results.get(0).detail().contains("mode 15"), results.get(0).detail());
            assertTrue(deviation(b, gas).compareTo(Duration.ofSeconds(1)) < 0);
        }
    }

    @Test
    void theSyncHourIsAnHourOfTheDay() {
        assertThrows(IllegalArgumentException.class, () -> MasterSettings.defaults().withClockSyncHour(24));
        assertThrows(IllegalArgumentException.class, () -> MasterSettings.defaults().withClockSyncHour(-1));
        assertEquals(0, MasterSettings.defaults().withClockSyncHour(0).clockSyncHour());
        assertEquals(23, MasterSettings.defaults().withClockSyncHour(23).clockSyncHour());
    }
}
