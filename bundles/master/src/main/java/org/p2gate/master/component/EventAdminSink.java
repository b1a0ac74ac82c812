package org.p2gate.master.component;

import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.p2gate.master.EventSink;
import org.p2gate.master.MBusEvent;

/** Publishes M-Bus events on OSGi Event Admin, topic {@value #TOPIC}, after the store has them. */
final class EventAdminSink implements EventSink {

    /** The topic of every M-Bus event. */
    static final String TOPIC = "org/p2gate/master/MBUS_EVENT";

    private final EventAdmin eventAdmin;

    EventAdminSink(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void publish(MBusEvent event) {
        eventAdmin.postEvent(new Event(TOPIC, Map.of(
                "code", event.code(),
                "channel", event.channel().number(),
                "kind", event.kind().name(),
                "time", event.time().toString())));
    }
}
