package org.p2gate.master;

/**
 * Where the master hands its M-Bus events after it has stored them in the event log (DESIGN.md
 * "Durability": store first, then publish). The OSGi Event Admin publisher implements it; tests
 * collect into a list.
 *
 * <p>Called on the master's scheduler; an implementation must not block and should not throw (a
 * throwing sink is logged and otherwise ignored: the event is already in the log).
 */
@FunctionalInterface
public interface EventSink {

    /** A sink that drops every event (the event log still has them). */
    EventSink NONE = event -> { };

    void publish(MBusEvent event);
}
