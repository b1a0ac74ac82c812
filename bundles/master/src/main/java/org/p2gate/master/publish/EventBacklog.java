package org.p2gate.master.publish;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.p2gate.master.MBusEvent;

/**
 * The M-Bus events not yet published, oldest first, at most {@code capacity}: when full, the oldest is dropped and
 * counted (the master's event log 0-0:99.98.3.255 still has it). Thread-safe: events arrive on Event Admin's thread.
 */
public final class EventBacklog {

    private final Deque<MBusEvent> events = new ArrayDeque<>();
    private final int capacity;
    private long dropped;

    public EventBacklog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the event backlog holds at least 1 event, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an event; returns the dropped oldest one if the backlog was full. */
    public synchronized Optional<MBusEvent> add(MBusEvent event) {
        Optional<MBusEvent> lost = Optional.empty();
        if (events.size() == capacity) {
            lost = Optional.of(events.removeFirst());
            dropped++;
        }
        events.addLast(event);
        return lost;
    }

    /** The oldest events, at most {@code max}, oldest first. */
    public synchronized List<MBusEvent> oldest(int max) {
        return events.stream().limit(max).toList();
    }

    /** Removes the {@code count} oldest events once they have been published. */
    public synchronized void removeOldest(int count) {
        for (int i = 0; i < count; i++) {
            events.pollFirst();
        }
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized long dropped() {
        return dropped;
    }
}
