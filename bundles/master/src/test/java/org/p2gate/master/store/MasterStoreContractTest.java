package org.p2gate.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.master.store.Fixtures.T0;
import static org.p2gate.master.store.Fixtures.boundState;
import static org.p2gate.master.store.Fixtures.fullState;
import static org.p2gate.master.store.Fixtures.hourly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.ChannelState;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.master.MasterStore;
import org.p2gate.mbus.security.AesKey;

/** The {@link MasterStore} contract, run against every implementation. */
abstract class MasterStoreContractTest {

    private final List<MasterStore> opened = new ArrayList<>();

    /** A new, empty store with these settings. */
    protected abstract MasterStore create(StoreSettings settings);

    /** The same store after a close and open (the same instance for a store that keeps nothing on disk). */
    protected abstract MasterStore reopen(MasterStore store);

    protected final MasterStore store() {
        return store(StoreSettings.DEFAULTS);
    }

    protected final MasterStore store(StoreSettings settings) {
        MasterStore store = create(settings);
        opened.add(store);
        return store;
    }

    protected final MasterStore reopened(MasterStore store) {
        MasterStore again = reopen(store);
        opened.add(again);
        return again;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(MasterStore::close);
    }

    // ---- replay floors (issue 15 item 11)

    @Test
    void aReplayFloorIsKeptPerDeviceAcrossAReopen() {
        MasterStore store = store();
        org.p2gate.mbus.transport.ShortId gas = org.p2gate.mbus.transport.ShortId.of(23456789,
                org.p2gate.mbus.transport.ManufacturerCode.of("NET"), 0x42, org.p2gate.mbus.transport.DeviceType.GAS);
        org.p2gate.mbus.transport.ShortId water = org.p2gate.mbus.transport.ShortId.of(23456789,
                org.p2gate.mbus.transport.ManufacturerCode.of("NET"), 0x42, org.p2gate.mbus.transport.DeviceType.WATER);
        org.p2gate.master.ReplayFloor floor = new org.p2gate.master.ReplayFloor(gas, java.util.OptionalLong.of(0xFFFF_FFF0L),
                java.util.Optional.of(java.time.Instant.parse("2026-11-20T23:00:00Z")));
        store.putReplayFloor(floor);
        MasterStore again = reopened(store);
        assertEquals(java.util.Optional.of(floor), again.replayFloor(gas));
        assertEquals(java.util.Optional.empty(), again.replayFloor(water), "another device type is another device");
    }

    // ---- channel state

    @Test
    void aChannelNeverWrittenIsEmpty() {
        MasterStore store = store();
        for (Channel channel : Channel.ALL) {
            assertEquals(ChannelState.empty(channel), store.channel(channel));
        }
    }

    @Test
    void putStoresEveryFieldOfTheState() {
        MasterStore store = store();
        ChannelState state = fullState(Channel.of(2), 1000);
        store.put(state);
        assertEquals(state, store.channel(Channel.of(2)));
        assertEquals(state, reopened(store).channel(Channel.of(2)));
    }

    @Test
    void putReplacesOnlyItsOwnChannel() {
        MasterStore store = store();
        store.put(fullState(Channel.of(1), 5));
        ChannelState second = boundState(Channel.of(3), 8);
        store.put(second);
        ChannelState replaced = fullState(Channel.of(1), 6).withKeyStatus(org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_SET);
        store.put(replaced);
        assertEquals(replaced, store.channel(Channel.of(1)));
        assertEquals(second, store.channel(Channel.of(3)));
        assertEquals(ChannelState.empty(Channel.of(4)), store.channel(Channel.of(4)));
    }

    @Test
    void aWirelessBindingIsStored() {
        MasterStore store = store();
        ChannelState state = ChannelState.empty(Channel.of(4))
                .withBinding(Optional.of(new Binding.Wireless(Fixtures.GAS_METER)));
        store.put(state);
        assertEquals(state, reopened(store).channel(Channel.of(4)));
    }

    @Test
    void aLowerValidatedFrameCounterIsRefusedNamingChannelAndBothValues() {
        MasterStore store = store();
        store.put(boundState(Channel.of(2), 500));
        ChannelState older = new ChannelState(Channel.of(2), store.channel(Channel.of(2)).binding(), Optional.empty(), 0, 0,
                Optional.empty(), java.util.OptionalInt.empty(), java.util.Map.of(),
                org.p2gate.master.EncryptionKeyStatus.NO_ENCRYPTION_KEY, OptionalLong.of(499), OptionalLong.empty(),
                Optional.empty());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.put(older));
        assertTrue(refused.getMessage().contains("channel 2"), refused.getMessage());
        assertTrue(refused.getMessage().contains("500") && refused.getMessage().contains("499"), refused.getMessage());
        assertEquals(OptionalLong.of(500), store.channel(Channel.of(2)).lastValidatedFrameCounter());
        assertEquals(OptionalLong.of(500), reopened(store).channel(Channel.of(2)).lastValidatedFrameCounter());
    }

    @Test
    void theSameOrAHigherFrameCounterIsAccepted() {
        MasterStore store = store();
        store.put(boundState(Channel.of(1), 500));
        store.put(store.channel(Channel.of(1)).withLastSentFrameCounter(3)); // same validated counter
        store.put(store.channel(Channel.of(1)).withLastValidatedFrameCounter(501));
        assertEquals(OptionalLong.of(501), store.channel(Channel.of(1)).lastValidatedFrameCounter());
        assertEquals(OptionalLong.of(3), store.channel(Channel.of(1)).lastSentFrameCounter());
    }

    @Test
    void forgettingTheFrameCounterOfTheSameBindingIsRefused() {
        MasterStore store = store();
        ChannelState bound = boundState(Channel.of(1), 500);
        store.put(bound);
        ChannelState forgotten = ChannelState.empty(Channel.of(1)).withBinding(bound.binding());
        assertThrows(IllegalStateException.class, () -> store.put(forgotten));
        assertEquals(bound, store.channel(Channel.of(1)));
    }

    @Test
    void aFreedChannelOrAnotherDeviceStartsItsOwnFrameCounter() {
        MasterStore store = store();
        store.put(boundState(Channel.of(1), 500));
        store.put(ChannelState.empty(Channel.of(1))); // slave_deinstall: the channel is free
        assertEquals(ChannelState.empty(Channel.of(1)), store.channel(Channel.of(1)));
        ChannelState other = ChannelState.empty(Channel.of(1)).withBinding(Optional.of(new Binding.Wired(99)))
                .withLastValidatedFrameCounter(3);
        store.put(other);
        assertEquals(other, store.channel(Channel.of(1)));
    }

    // ---- keys

    @Test
    void aChannelWithoutKeysHasNone() {
        MasterStore store = store();
        assertEquals(ChannelKeys.NONE, store.keys(Channel.of(1)));
    }

    @Test
    void putKeysStoresBothKeysPerChannel() {
        MasterStore store = store();
        store.putKeys(Channel.of(1), Fixtures.keys(1));
        store.putKeys(Channel.of(2), new ChannelKeys(Optional.of(Fixtures.key("default", 2)), Optional.empty()));
        store.putKeys(Channel.of(3), new ChannelKeys(Optional.empty(), Optional.of(AesKey.ZERO)));
        MasterStore again = reopened(store);
        assertEquals(Fixtures.keys(1), again.keys(Channel.of(1)));
        assertEquals(new ChannelKeys(Optional.of(Fixtures.key("default", 2)), Optional.empty()), again.keys(Channel.of(2)));
        assertEquals(new ChannelKeys(Optional.empty(), Optional.of(AesKey.ZERO)), again.keys(Channel.of(3)));
        assertFalse(again.keys(Channel.of(3)).encrypts());
        assertEquals(ChannelKeys.NONE, again.keys(Channel.of(4)));
    }

    @Test
    void putKeysStoresAPendingUserKeyBesideTheOthers() {
        MasterStore store = store();
        ChannelKeys all = Fixtures.keys(1).withPendingUserKey(Fixtures.key("pending", 1));
        ChannelKeys pendingOnly = new ChannelKeys(Optional.of(Fixtures.key("default", 2)), Optional.empty(),
                Optional.of(Fixtures.key("pending", 2)));
        ChannelKeys pendingZero = Fixtures.keys(3).withPendingUserKey(AesKey.ZERO);
        store.putKeys(Channel.of(1), all);
        store.putKeys(Channel.of(2), pendingOnly);
        store.putKeys(Channel.of(3), pendingZero);
        MasterStore again = reopened(store);
        assertEquals(all, again.keys(Channel.of(1)));
        assertEquals(pendingOnly, again.keys(Channel.of(2)));
        assertEquals(pendingZero, again.keys(Channel.of(3)));
        again.putKeys(Channel.of(1), all.promoted());
        assertEquals(new ChannelKeys(all.defaultKey(), all.pendingUserKey()), reopened(again).keys(Channel.of(1)));
    }

    @Test
    void putKeysReplacesTheKeys() {
        MasterStore store = store();
        store.putKeys(Channel.of(1), Fixtures.keys(1));
        store.putKeys(Channel.of(1), Fixtures.keys(2));
        store = reopened(store);
        assertEquals(Fixtures.keys(2), store.keys(Channel.of(1)));
        store.putKeys(Channel.of(1), ChannelKeys.NONE);
        assertEquals(ChannelKeys.NONE, store.keys(Channel.of(1)));
    }

    // ---- hourly values

    @Test
    void anHourlyValueReadTwiceIsKeptOnce() {
        MasterStore store = store();
        assertTrue(store.addHourlyValue(Channel.of(1), hourly(0, "10.000")));
        assertFalse(store.addHourlyValue(Channel.of(1), hourly(0, "10.000")));
        assertFalse(store.addHourlyValue(Channel.of(1), hourly(0, "11.000")), "the first value of an hour is kept");
        assertEquals(List.of(hourly(0, "10.000")), reopened(store).hourlyValues(Channel.of(1), T0, T0.plusSeconds(3600)));
    }

    @Test
    void hourlyValuesAreFromInclusiveToExclusiveOldestFirst() {
        MasterStore store = store();
        for (int hour : new int[] {5, 1, 3, 2, 4, 0}) {
            assertTrue(store.addHourlyValue(Channel.of(2), hourly(hour, hour + ".5")));
        }
        List<HourlyValue> values = store.hourlyValues(Channel.of(2), T0.plusSeconds(3600), T0.plusSeconds(4 * 3600));
        assertEquals(List.of(hourly(1, "1.5"), hourly(2, "2.5"), hourly(3, "3.5")), values);
        assertEquals(List.of(), store.hourlyValues(Channel.of(2), T0.plusSeconds(3600), T0.plusSeconds(3600)));
        assertEquals(List.of(), store.hourlyValues(Channel.of(2), T0.plusSeconds(7200), T0.plusSeconds(3600)));
        assertEquals(List.of(), store.hourlyValues(Channel.of(1), T0, T0.plusSeconds(86_400)), "per channel");
        assertEquals(6, reopened(store).hourlyValues(Channel.of(2), Instant.MIN, Instant.MAX).size());
    }

    @Test
    void theRangeIsExactBelowASecond() {
        MasterStore store = store();
        HourlyValue value = new HourlyValue(T0.plusMillis(500), new java.math.BigDecimal("1"), "kWh", 30, 0, 0);
        store.addHourlyValue(Channel.of(1), value);
        assertEquals(List.of(), store.hourlyValues(Channel.of(1), T0.plusMillis(501), T0.plusSeconds(1)));
        assertEquals(List.of(value), store.hourlyValues(Channel.of(1), T0.plusMillis(500), T0.plusMillis(501)));
    }

    @Test
    void hourlyValuesOlderThanTheRetentionAreDropped() {
        MasterStore store = store(new StoreSettings(Duration.ofDays(14), 1000));
        for (int hour = 0; hour < 14 * 24 + 10; hour++) {
            assertTrue(store.addHourlyValue(Channel.of(3), hourly(hour, Integer.toString(hour))));
        }
        List<HourlyValue> kept = store.hourlyValues(Channel.of(3), Instant.MIN, Instant.MAX);
        int newest = 14 * 24 + 9;
        assertEquals(14 * 24 + 1, kept.size(), "newest minus 14 days, both ends kept");
        assertEquals(hourly(newest - 14 * 24, Integer.toString(newest - 14 * 24)), kept.get(0));
        assertEquals(hourly(newest, Integer.toString(newest)), kept.get(kept.size() - 1));
        assertFalse(store.addHourlyValue(Channel.of(3), hourly(0, "0")), "a value older than the retention is not kept");
        assertFalse(store.addHourlyValue(Channel.of(3), hourly(newest - 14 * 24 - 1, "1")),
                "one hour beyond the retention is not kept");
    }

    @Test
    void hourlyValuesKeepTheirExactValue() {
        MasterStore store = store();
        HourlyValue big = new HourlyValue(T0, new java.math.BigDecimal("-123456789012345678901234567890.000000001"), "m³", 13, -9,
                0xFF);
        HourlyValue zero = new HourlyValue(T0.plusSeconds(3600), new java.math.BigDecimal("0.000"), "", 255, 0, 0);
        store.addHourlyValue(Channel.of(4), big);
        store.addHourlyValue(Channel.of(4), zero);
        List<HourlyValue> values = reopened(store).hourlyValues(Channel.of(4), T0, T0.plusSeconds(7200));
        assertEquals(List.of(big, zero), values);
        assertEquals(3, values.get(1).value().scale(), "the scale is kept, not only the number");
    }

    // ---- events

    @Test
    void eventsAreReturnedNewestMaxOldestFirst() {
        MasterStore store = store();
        List<MBusEvent> added = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            MBusEvent event = new MBusEvent(T0.plusSeconds(i), Channel.of(1 + i % 4), MBusEventKind.values()[i % 8]);
            store.addEvent(event);
            added.add(event);
        }
        assertEquals(added.subList(7, 10), store.events(3));
        assertEquals(List.of(), store.events(0));
        assertEquals(added, reopened(store).events(100));
    }

    @Test
    void theEventLogKeepsTheNewestEventsOnly() {
        MasterStore store = store(new StoreSettings(Duration.ofDays(14), 5));
        List<MBusEvent> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            MBusEvent event = new MBusEvent(T0.plusSeconds(i), Channel.of(2), MBusEventKind.COMMUNICATION_ERROR);
            store.addEvent(event);
            added.add(event);
        }
        assertEquals(added.subList(7, 12), store.events(1000));
        assertEquals(added.subList(7, 12), reopened(store).events(5));
    }

    @Test
    void aNegativeNumberOfEventsIsRefused() {
        MasterStore store = store();
        assertThrows(IllegalArgumentException.class, () -> store.events(-1));
    }

    // ---- life cycle and threads

    @Test
    void aClosedStoreRefusesEveryCall() {
        MasterStore store = create(StoreSettings.DEFAULTS);
        store.close();
        assertThrows(IllegalStateException.class, () -> store.channel(Channel.of(1)));
        assertThrows(IllegalStateException.class, () -> store.put(ChannelState.empty(Channel.of(1))));
        assertThrows(IllegalStateException.class, () -> store.keys(Channel.of(1)));
        assertThrows(IllegalStateException.class, () -> store.addEvent(new MBusEvent(T0, Channel.of(1),
                MBusEventKind.COMMUNICATION_OK)));
        store.close(); // twice is harmless
    }

    @Test
    void concurrentWritersLoseNothingAndFrameCountersOnlyRise() throws Exception {
        MasterStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Channel channel : Channel.ALL) {
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= 50; i++) {
                        store.addHourlyValue(channel, hourly(i, Integer.toString(i)));
                        store.put(boundState(channel, i));
                        store.addEvent(new MBusEvent(T0.plusSeconds(i), channel, MBusEventKind.COMMUNICATION_OK));
                    }
                    return null;
                }));
                done.add(pool.submit(() -> {
                    // a reader racing the writer never sees a counter go back
                    long seen = -1;
                    for (int i = 0; i < 200; i++) {
                        long now = store.channel(channel).lastValidatedFrameCounter().orElse(-1);
                        assertTrue(now >= seen, channel + ": " + seen + " then " + now);
                        seen = now;
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Channel channel : Channel.ALL) {
            assertEquals(50, store.hourlyValues(channel, Instant.MIN, Instant.MAX).size());
            assertEquals(OptionalLong.of(50), store.channel(channel).lastValidatedFrameCounter());
        }
        assertEquals(200, store.events(1000).size());
    }
}
