package org.p2gate.master;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A test-only MasterStore in memory (the real ones live in org.p2gate.master.store). */
final class InMemoryMasterStore implements MasterStore {

    private final Map<Channel, ChannelState> channels = new HashMap<>();
    private final Map<Channel, ChannelKeys> keys = new HashMap<>();
    private final Map<Channel, TreeMap<Instant, HourlyValue>> hourly = new HashMap<>();
    private final List<MBusEvent> events = new ArrayList<>();

    @Override
    public synchronized ChannelState channel(Channel channel) {
        return channels.getOrDefault(channel, ChannelState.empty(channel));
    }

    @Override
    public synchronized void put(ChannelState state) {
        channels.put(state.channel(), state);
    }

    @Override
    public synchronized ChannelKeys keys(Channel channel) {
        return keys.getOrDefault(channel, ChannelKeys.NONE);
    }

    @Override
    public synchronized void putKeys(Channel channel, ChannelKeys k) {
        keys.put(channel, k);
    }

    @Override
    public synchronized boolean addHourlyValue(Channel channel, HourlyValue value) {
        return hourly.computeIfAbsent(channel, c -> new TreeMap<>()).putIfAbsent(value.captureTime(), value) == null;
    }

    @Override
    public synchronized List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
        return List.copyOf(hourly.getOrDefault(channel, new TreeMap<>()).subMap(from, to).values());
    }

    @Override
    public synchronized void addEvent(MBusEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<MBusEvent> events(int max) {
        return List.copyOf(events.subList(Math.max(0, events.size() - max), events.size()));
    }

    @Override
    public void close() {}
}
