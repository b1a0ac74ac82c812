package org.p2gate.master.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.ChannelState;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MasterStore;
import org.p2gate.master.ReplayFloor;
import org.p2gate.mbus.transport.ShortId;

/**
 * A {@link MasterStore} in memory, for tests: thread-safe, with the semantics of
 * {@link MvStoreMasterStore} (frame counters never go back, hourly values kept once per capture second
 * within the retention, a bounded event log) and nothing on disk.
 */
public final class InMemoryMasterStore implements MasterStore {

    private final StoreSettings settings;
    private final Map<Channel, ChannelState> states = new HashMap<>();
    private final Map<Channel, ChannelKeys> keys = new HashMap<>();
    private final Map<Channel, NavigableMap<Long, HourlyValue>> hourly = new HashMap<>();
    private final ArrayDeque<MBusEvent> events = new ArrayDeque<>();
    private final Map<ShortId, ReplayFloor> floors = new HashMap<>();
    private boolean closed;

    public InMemoryMasterStore() {
        this(StoreSettings.DEFAULTS);
    }

    public InMemoryMasterStore(StoreSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (Channel channel : Channel.ALL) {
            hourly.put(channel, new TreeMap<>());
        }
    }

    @Override
    public synchronized Optional<ReplayFloor> replayFloor(ShortId device) {
        open();
        return Optional.ofNullable(floors.get(Objects.requireNonNull(device, "device")));
    }

    @Override
    public synchronized void putReplayFloor(ReplayFloor floor) {
        open();
        floors.put(floor.device(), floor);
    }

    @Override
    public synchronized ChannelState channel(Channel channel) {
        open();
        Objects.requireNonNull(channel, "channel");
        return states.getOrDefault(channel, ChannelState.empty(channel));
    }

    @Override
    public synchronized void put(ChannelState state) {
        open();
        Objects.requireNonNull(state, "state");
        StoreRules.checkFrameCounter(channel(state.channel()), state);
        states.put(state.channel(), state);
    }

    @Override
    public synchronized ChannelKeys keys(Channel channel) {
        open();
        Objects.requireNonNull(channel, "channel");
        return keys.getOrDefault(channel, ChannelKeys.NONE);
    }

    @Override
    public synchronized void putKeys(Channel channel, ChannelKeys newKeys) {
        open();
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(newKeys, "keys");
        keys.put(channel, newKeys);
    }

    @Override
    public synchronized boolean addHourlyValue(Channel channel, HourlyValue value) {
        open();
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(value, "value");
        NavigableMap<Long, HourlyValue> values = hourly.get(channel);
        long key = StoreRules.hourlyKey(value.captureTime());
        long newest = values.isEmpty() ? key : Math.max(key, values.lastKey());
        long cutoff = StoreRules.retentionCutoff(newest, settings);
        if (key < cutoff || values.containsKey(key)) {
            return false;
        }
        values.put(key, value);
        values.headMap(cutoff, false).clear();
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
            return result;
        }
        long lastKey = to.getNano() == 0 ? to.getEpochSecond() - 1 : to.getEpochSecond();
        for (HourlyValue value : hourly.get(channel).subMap(from.getEpochSecond(), true, lastKey, true).values()) {
            if (!value.captureTime().isBefore(from) && value.captureTime().isBefore(to)) {
                result.add(value);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public synchronized void addEvent(MBusEvent event) {
        open();
        Objects.requireNonNull(event, "event");
        events.addLast(event);
        while (events.size() > settings.eventLogSize()) {
            events.removeFirst();
        }
    }

    @Override
    public synchronized List<MBusEvent> events(int max) {
        open();
        StoreRules.checkMax(max);
        ArrayList<MBusEvent> newest = new ArrayList<>(Math.min(max, events.size()));
        Iterator<MBusEvent> backwards = events.descendingIterator();
        while (newest.size() < max && backwards.hasNext()) {
            newest.add(backwards.next());
        }
        java.util.Collections.reverse(newest);
        return List.copyOf(newest);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public String toString() {
        return "InMemoryMasterStore";
    }
}
