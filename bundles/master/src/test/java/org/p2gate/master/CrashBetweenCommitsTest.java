package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.master.store.MvStoreMasterStore;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;

/**
 * DESIGN "Durability" at each single commit, deterministically: the store "dies" (as the process would)
 * at the k-th change of an operation, the master is started again on what was committed, and the state
 * must be one the master can go on from. What {@link MasterCrashTest} finds by chance, here for every k.
 */
class CrashBetweenCommitsTest {

    /** A store that commits to {@code committed} until the k-th change, which (and every one after) fails. */
    static final class DyingStore implements MasterStore {
        final MasterStore committed;
        private int changesLeft = Integer.MAX_VALUE;

        DyingStore() {
            this(new InMemoryMasterStore());
        }

        DyingStore(MasterStore committed) {
            this.committed = committed;
        }

        void dieAtChange(int k) {
            changesLeft = k;
        }

        private void change() {
            if (changesLeft <= 1) {
                changesLeft = 0;
                throw new IllegalStateException("killed (simulated crash before this commit)");
            }
            changesLeft--;
        }

        @Override
        public ChannelState channel(Channel channel) {
            return committed.channel(channel);
        }

        @Override
        public void put(ChannelState state) {
            change();
            committed.put(state);
        }

        @Override
        public ChannelKeys keys(Channel channel) {
            return committed.keys(channel);
        }

        @Override
        public java.util.Optional<ReplayFloor> replayFloor(org.p2gate.mbus.transport.ShortId device) {
            return committed.replayFloor(device);
        }

        @Override
        public void putReplayFloor(ReplayFloor floor) {
            change();
            committed.putReplayFloor(floor);
        }

        @Override
        public void putKeys(Channel channel, ChannelKeys keys) {
            change();
            committed.putKeys(channel, keys);
        }

        @Override
        public boolean addHourlyValue(Channel channel, HourlyValue value) {
            change();
            return committed.addHourlyValue(channel, value);
        }

        @Override
        public List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
            return committed.hourlyValues(channel, from, to);
        }

        @Override
        public void addEvent(MBusEvent event) {
            change();
            committed.addEvent(event);
        }

        @Override
        public List<MBusEvent> events(int max) {
            return committed.events(max);
        }

        @Override
        public void close() {
            committed.close();
        }
    }

    /** The master started again on what was committed, on the same bus (the meters did not crash). */
    private static P2Master restart(Bench b, DyingStore store) {
        return new P2Master(b.link, b.time, store.committed, b.sink, MasterSettings.defaults());
    }

    @ParameterizedTest(name = "killed at the read''s change {0}")
    @ValueSource(ints = {1, 2})
    void aCrashWithinAReadNeverLeavesTheChannelsNewestHourlyValueOutOfTheHistory(int k) throws Exception {
        DyingStore store = new DyingStore();
        try (Bench b = new Bench(MasterSettings.defaults(), store)) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            b.time.advance(Duration.ofHours(1));
            store.dieAtChange(k);
            assertThrows(CompletionException.class, () -> b.await(b.master.read(Bench.CH1)));

            ChannelState state = store.committed.channel(Bench.CH1);
            HourlyValue newest = state.lastHourlyValue().orElseThrow();
            assertTrue(store.committed.hourlyValues(Bench.CH1, Instant.MIN, Instant.MAX).contains(newest),
                    "the channel's newest hourly value " + newest.captureTime() + " is in the history");

            P2Master again = restart(b, store);
            assertTrue(b.await(again.read(Bench.CH1)).done(), "the restarted master reads on");
            List<HourlyValue> history = store.committed.hourlyValues(Bench.CH1, Instant.MIN, Instant.MAX);
            assertEquals(2, history.size(), "both hours, each once: " + history);
            assertEquals(history.get(1), store.committed.channel(Bench.CH1).lastHourlyValue().orElseThrow());
        }
    }

    /**
     * The key transfer's changes: 1 the pending key (before the key records are sent), 2 the user key (on the E5h),
     * 3 the key status. Whichever fails, the restarted master reads the device without a rejection.
     */
    @ParameterizedTest(name = "killed at the key transfer''s change {0}")
    @ValueSource(ints = {1, 2, 3})
    void aCrashWithinAKeyTransferLeavesAStateTheNextReadMakesConsistentWithoutARejection(int k) throws Exception {
        DyingStore store = new DyingStore();
        try (Bench b = new Bench(MasterSettings.defaults(), store)) {
            DsmrMeter meter = Bench.gas(11111111, 5).build();
            b.bind(Bench.CH1, meter);
            store.dieAtChange(k);
            assertThrows(CompletionException.class, () -> b.await(b.master.transferKey(Bench.CH1,
                    KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY), Bench.USER_KEY)));
            // commit before acting: a pending key that could not be committed was never sent
            assertEquals(k > 1, meter.hasUserKey(), "the meter took the key only after the pending key's commit");
            ChannelKeys committed = store.committed.keys(Bench.CH1);
            if (k == 2) {
                assertEquals(Optional.empty(), committed.userKey(), "the user key's commit failed");
                assertEquals(Optional.of(Bench.USER_KEY), committed.pendingUserKey(), "the key the meter took is pending");
            }

            P2Master again = restart(b, store);
            CommandResult read = b.await(again.read(Bench.CH1));

            assertEquals(CommandResult.Outcome.DONE, read.outcome(), read.toString());
            assertEquals(Map.of(), again.rejections(Bench.CH1), "no answer was rejected");
            ChannelKeys after = store.committed.keys(Bench.CH1);
            ChannelState state = store.committed.channel(Bench.CH1);
            if (k == 1) {
                assertEquals(Optional.empty(), after.userKey());
                assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY, state.keyStatus(), "the meter still sends in clear");
            } else {
                assertEquals(Optional.of(Bench.USER_KEY), after.userKey(), "k = 2: the pending key was promoted");
                assertEquals(Optional.empty(), after.pendingUserKey());
                assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, state.keyStatus());
                assertEquals(meter.frameCounter(), state.lastValidatedFrameCounter().getAsLong());
            }
        }
    }

    /** The same kill with the on-disk store: the pending key survives the restart encrypted on disk, then is promoted. */
    @Test
    void aPendingKeyCommittedOnDiskIsPromotedByTheFirstReadAfterARestart(@TempDir Path folder) throws Exception {
        DsmrMeter meter = Bench.gas(11111111, 5).build();
        Bench b;
        try (MvStoreMasterStore disk = MvStoreMasterStore.open(folder)) {
            DyingStore dying = new DyingStore(disk);
            b = new Bench(MasterSettings.defaults(), dying);
            b.bind(Bench.CH1, meter);
            dying.dieAtChange(2); // after the pending key, before the user key
            assertThrows(CompletionException.class, () -> b.await(b.master.transferKey(Bench.CH1,
                    KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY), Bench.USER_KEY)));
            assertTrue(meter.hasUserKey());
        }
        try (MvStoreMasterStore reopened = MvStoreMasterStore.open(folder)) {
            assertEquals(Optional.of(Bench.USER_KEY), reopened.keys(Bench.CH1).pendingUserKey());
            P2Master again = new P2Master(b.link, b.time, reopened, b.sink, MasterSettings.defaults());

            assertEquals(CommandResult.Outcome.DONE, b.await(again.read(Bench.CH1)).outcome());
            assertEquals(new ChannelKeys(Optional.empty(), Optional.of(Bench.USER_KEY)), reopened.keys(Bench.CH1));
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, reopened.channel(Bench.CH1).keyStatus());
            assertEquals(Map.of(), again.rejections(Bench.CH1));
        } finally {
            b.close();
        }
    }
}
