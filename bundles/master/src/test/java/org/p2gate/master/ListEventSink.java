package org.p2gate.master;

import java.util.ArrayList;
import java.util.List;

/** An EventSink that keeps what it is given, for tests. */
final class ListEventSink implements EventSink {

    private final List<MBusEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(MBusEvent event) {
        events.add(event);
    }

    synchronized List<MBusEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<Integer> codes() {
        return events.stream().map(MBusEvent::code).toList();
    }

    synchronized List<MBusEventKind> kinds(Channel channel) {
        return events.stream().filter(e -> e.channel().equals(channel)).map(MBusEvent::kind).toList();
    }

    synchronized void clear() {
        events.clear();
    }
}
