package org.p2gate.master;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.transport.ShortId;

/**
 * The master's durable state (DESIGN.md "Durability"; P2 4.2.2 §5.2, §7): channels, keys, frame
 * counters (also of devices no longer bound: {@link ReplayFloor}), hourly values and the event log. Every method that changes something has committed it
 * when it returns, so the master can act on it or acknowledge it; a crash at any moment leaves the
 * state before or after a change, never between, and a frame counter never goes backwards.
 */
public interface MasterStore extends AutoCloseable {

    /** The current state of a channel ({@link ChannelState#empty} for one never written). */
    ChannelState channel(Channel channel);

    /** Replaces a channel's state; committed on return. */
    void put(ChannelState state);

    /** The keys of a channel ({@link ChannelKeys#NONE} if none). */
    ChannelKeys keys(Channel channel);

    /** Replaces a channel's keys; committed on return; never kept in clear on disk. */
    void putKeys(Channel channel, ChannelKeys keys);

    /**
     * Adds an hourly value, unless one with the same capture time is stored already (a value read
     * twice is kept once); committed on return. Values older than the retention are dropped.
     *
     * @return whether it was new
     */
    boolean addHourlyValue(Channel channel, HourlyValue value);

    /** The hourly values with {@code from ≤ captureTime < to}, oldest first. */
    List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to);

    /** The floor kept for a device whose channel was freed (issue 15 item 11), if any. */
    Optional<ReplayFloor> replayFloor(ShortId device);

    /** Keeps (replaces) the floor of its device; committed on return. */
    void putReplayFloor(ReplayFloor floor);

    /** Appends an event to the bounded event log; committed on return. */
    void addEvent(MBusEvent event);

    /** The newest {@code max} events, oldest first. */
    List<MBusEvent> events(int max);

    /** Commits what is pending and closes; the store is unusable afterwards. */
    @Override
    void close();
}
