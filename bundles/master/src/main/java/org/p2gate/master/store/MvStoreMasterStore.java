package org.p2gate.master.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.ChannelState;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MasterStore;
import org.p2gate.master.ReplayFloor;
import org.p2gate.mbus.transport.ShortId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's durable state in one H2 MVStore file, {@code <folder>/master.mv}, beside its key file
 * {@code <folder>/store.key} (DESIGN.md "Durability", "Security"; issue 5 "Durable state").
 *
 * <p>Crash safety: the MVStore runs without auto-commit (no background writer); every mutating method
 * makes its changes, then commits and syncs the file before it returns. MVStore is append-only with
 * versioned chunks: a crash before or during a commit leaves the file at the last completed commit,
 * so a change is either all there or not at all. A failed commit is rolled back, so nothing
 * uncommitted is ever read back.
 *
 * <p>Maps (all {@code long → bytes}, each value in its own checksummed {@link Codec} form):
 * {@code channels} (channel → state), {@code keys} (channel → keys, AES-GCM sealed by {@link KeyVault}),
 * {@code hourly.1..4} (capture time in epoch seconds → value), {@code events} (sequence → event);
 * and {@code info} (text → text: format version, the key check).
 *
 * <p>Thread-safe: one lock around each method, so a check and its write are one step.
 */
public final class MvStoreMasterStore implements MasterStore {

    /** The store file in the data folder. */
    public static final String STORE_FILE = "master.mv";
    /** The master key file in the data folder. */
    public static final String KEY_FILE = KeyVault.KEY_FILE;

    private static final Logger LOG = LoggerFactory.getLogger(MvStoreMasterStore.class);
    private static final String FORMAT = "1";
    private static final String INFO_FORMAT = "format";
    private static final String INFO_KEY_CHECK = "keyCheck";
    /** How many commits between two compactions of partly used chunks. */
    static final int DEFAULT_COMPACT_EVERY = 500;

    private final Path file;
    private final StoreSettings settings;
    private final int compactEvery;
    private final MVStore store;
    private final KeyVault vault;
    private final MVMap<String, String> info;
    private final MVMap<Long, byte[]> channels;
    private final MVMap<Long, byte[]> keys;
    private final Map<Channel, MVMap<Long, byte[]>> hourly = new HashMap<>();
    private final MVMap<Long, byte[]> events;
    private final MVMap<Long, byte[]> floors;
    private int commitsSinceCompaction;
    private boolean closed;

    private MvStoreMasterStore(Path file, StoreSettings settings, int compactEvery, MVStore store, KeyVault vault) {
        this.file = file;
        this.settings = settings;
        this.compactEvery = compactEvery;
        this.store = store;
        this.vault = vault;
        this.info = store.openMap("info", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE));
        this.channels = bytesMap(store, "channels");
        this.keys = bytesMap(store, "keys");
        for (Channel channel : Channel.ALL) {
            hourly.put(channel, bytesMap(store, "hourly." + channel.number()));
        }
        this.events = bytesMap(store, "events");
        this.floors = bytesMap(store, "replay-floors");
    }

    /** Opens (or creates) the store in {@code folder} with the default settings. */
    public static MvStoreMasterStore open(Path folder) {
        return open(folder, StoreSettings.DEFAULTS);
    }

    /**
     * Opens (or creates) the store in {@code folder}: {@code master.mv} and {@code store.key}. A new
     * store gets a new random master key; an existing store needs the key file that was created with
     * it.
     *
     * @throws StoreException if the folder, the file or the key file cannot be used (the message says
     *                        which and what to do)
     */
    public static MvStoreMasterStore open(Path folder, StoreSettings settings) {
        return open(folder, settings, DEFAULT_COMPACT_EVERY);
    }

    static MvStoreMasterStore open(Path folder, StoreSettings settings, int compactEvery) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(settings, "settings");
        if (compactEvery < 1) {
            throw new IllegalArgumentException("compactEvery is at least 1, got " + compactEvery);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("cannot create the store folder " + folder + ": " + e.getMessage(), e);
        }
        Path file = folder.resolve(STORE_FILE);
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage()
                    + " (is another gateway process using it? is the file damaged?)", e);
        }
        try {
            MvStoreMasterStore opened = new MvStoreMasterStore(file, settings, compactEvery, store,
                    vaultFor(folder, file, store));
            opened.initialise();
            return opened;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /** The key file's vault: loaded, checked against the store, or created for a store that has no keys yet. */
    private static KeyVault vaultFor(Path folder, Path file, MVStore store) {
        SecureRandom random = new SecureRandom();
        MVMap<String, String> info = store.openMap("info", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        String format = info.get(INFO_FORMAT);
        if (format != null && !FORMAT.equals(format)) {
            throw new StoreException("the store " + file + " has format " + format + ", this p2gate reads format " + FORMAT
                    + " (written by a newer version?)");
        }
        String check = info.get(INFO_KEY_CHECK);
        Optional<KeyVault> loaded = KeyVault.load(folder, random);
        if (check == null) {
            // a new store (or one whose first commit did not complete): its key file may be made now
            return loaded.orElseGet(() -> KeyVault.create(folder, random));
        }
        KeyVault vault = loaded.orElseThrow(() -> new StoreException("the store " + file + " has encrypted keys but its key file "
                + folder.resolve(KEY_FILE) + " is missing: restore it from a backup (without it the channel keys are lost;"
                + " remove both files to start with an empty store)"));
        if (!vault.matches(java.util.Base64.getDecoder().decode(check))) {
            throw new StoreException("the key file " + folder.resolve(KEY_FILE) + " is not the one created with the store "
                    + file + " (the key check fails): restore the matching key file");
        }
        if (KeyVault.isWiderThanOwner(folder)) {
            LOG.warn("The store's key file {} can be read by other users than its owner; make it rw------- (chmod 600)",
                    folder.resolve(KEY_FILE));
        }
        return vault;
    }

    private void initialise() {
        if (info.get(INFO_KEY_CHECK) == null) {
            info.put(INFO_FORMAT, FORMAT);
            info.put(INFO_KEY_CHECK, java.util.Base64.getEncoder().encodeToString(vault.checkValue()));
            commit("create the store");
        }
    }

    private static MVMap<Long, byte[]> bytesMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    // ---- channels

    @Override
    public synchronized ChannelState channel(Channel channel) {
        open();
        Objects.requireNonNull(channel, "channel");
        byte[] entry = channels.get((long) channel.number());
        return entry == null ? ChannelState.empty(channel) : Codec.decodeState(channel, entry);
    }

    @Override
    public synchronized void put(ChannelState state) {
        open();
        Objects.requireNonNull(state, "state");
        StoreRules.checkFrameCounter(channel(state.channel()), state);
        byte[] entry = Codec.encodeState(state);
        channels.put((long) state.channel().number(), entry);
        commit(state.channel() + ": store its state");
    }

    // ---- replay floors (issue 15 item 11)

    @Override
    public synchronized Optional<ReplayFloor> replayFloor(ShortId device) {
        open();
        long key = Codec.floorKey(Objects.requireNonNull(device, "device"));
        byte[] entry = floors.get(key);
        return entry == null ? Optional.empty() : Optional.of(Codec.decodeFloor(key, entry));
    }

    @Override
    public synchronized void putReplayFloor(ReplayFloor floor) {
        open();
        floors.put(Codec.floorKey(floor.device()), Codec.encodeFloor(floor));
        commit(floor.device() + ": keep its replay floor");
    }

    // ---- keys

    @Override
    public synchronized ChannelKeys keys(Channel channel) {
        open();
        Objects.requireNonNull(channel, "channel");
        byte[] entry = keys.get((long) channel.number());
        return entry == null ? ChannelKeys.NONE : vault.open(channel, entry);
    }

    @Override
    public synchronized void putKeys(Channel channel, ChannelKeys newKeys) {
        open();
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(newKeys, "keys");
        keys.put((long) channel.number(), vault.seal(channel, newKeys));
        commit(channel + ": store its keys");
    }

    // ---- hourly values

    @Override
    public synchronized boolean addHourlyValue(Channel channel, HourlyValue value) {
        open();
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(value, "value");
        MVMap<Long, byte[]> values = hourly.get(channel);
        long key = StoreRules.hourlyKey(value.captureTime());
        Long last = values.lastKey();
        long newest = last == null ? key : Math.max(key, last);
        long cutoff = StoreRules.retentionCutoff(newest, settings);
        if (key < cutoff || values.containsKey(key)) {
            return false;
        }
        byte[] entry = Codec.encodeHourly(value);
        values.put(key, entry);
        for (Long oldest = values.firstKey(); oldest != null && oldest < cutoff; oldest = values.firstKey()) {
            values.remove(oldest);
        }
        commit(channel + ": store the hourly value of " + value.captureTime());
        return true;
    }

    @Override
    public synchronized List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
        open();
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<HourlyValue> result = new ArrayList<>();
        if (!from.isBefore(to)) {
            return List.of();
        }
        // a value under key k was captured in [k, k + 1 s): the key of to itself can hold one before to only if to has nanos
        long lastKey = to.getNano() == 0 ? to.getEpochSecond() - 1 : to.getEpochSecond();
        Cursor<Long, byte[]> cursor = hourly.get(channel).cursor(from.getEpochSecond());
        while (cursor.hasNext()) {
            long key = cursor.next();
            if (key > lastKey) {
                break;
            }
            HourlyValue value = Codec.decodeHourly(channel, key, cursor.getValue());
            if (!value.captureTime().isBefore(from) && value.captureTime().isBefore(to)) {
                result.add(value);
            }
        }
        return List.copyOf(result);
    }

    // ---- events

    @Override
    public synchronized void addEvent(MBusEvent event) {
        open();
        Objects.requireNonNull(event, "event");
        Long last = events.lastKey();
        events.put(last == null ? 0L : last + 1, Codec.encodeEvent(event));
        while (events.size() > settings.eventLogSize()) {
            events.remove(events.firstKey());
        }
        commit("add the event " + event.code() + " (" + event.kind() + ", " + event.channel() + ")");
    }

    @Override
    public synchronized List<MBusEvent> events(int max) {
        open();
        StoreRules.checkMax(max);
        Long last = events.lastKey();
        if (max == 0 || last == null) {
            return List.of();
        }
        List<MBusEvent> result = new ArrayList<>(Math.min(max, events.size()));
        Cursor<Long, byte[]> cursor = events.cursor(Math.max(Long.MIN_VALUE + max, last - max + 1));
        while (cursor.hasNext() && result.size() < max) {
            long position = cursor.next();
            result.add(Codec.decodeEvent(position, cursor.getValue()));
        }
        return List.copyOf(result);
    }

    // ---- life cycle

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // no compaction on close: MVStore 2.3.232's chunk moving (close(ms)) trips its own assertion
            // (RandomAccessStore.moveChunkInside) after many crash-restarts; plain close only commits
            store.close();
        } catch (MVStoreException e) {
            throw new StoreException("closing the store " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MvStoreMasterStore[" + file + "]";
    }

    /** Commits and syncs the pending change; on failure rolls it back and throws. */
    private void commit(String what) {
        try {
            store.commit();
            store.sync(); // power loss, not only a killed process: the commit is on the medium before we return
        } catch (RuntimeException e) {
            try {
                store.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw new StoreException("could not " + what + " in " + file + " (not committed): " + e.getMessage(), e);
        }
        if (++commitsSinceCompaction >= compactEvery) {
            commitsSinceCompaction = 0;
            compact();
        }
    }

    /** Rewrites partly used chunks so that the file does not grow with every commit; committed like any change. */
    private void compact() {
        try {
            store.compact(80, 1 << 20);
            store.commit();
            store.sync();
        } catch (RuntimeException e) {
            LOG.warn("Compacting the store {} failed; it goes on uncompacted: {}", file, e.getMessage());
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the store " + file + " is closed");
        }
    }
}
