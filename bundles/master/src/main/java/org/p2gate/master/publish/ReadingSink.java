package org.p2gate.master.publish;

import java.util.List;

/** Where readings go: a Kura CloudPublisher, an MQTT broker. Called on the publisher's worker only. */
public interface ReadingSink {

    /**
     * Publishes readings in their order and returns how many of them, from the first, the receiver has acknowledged
     * (e.g. an MQTT QoS 1 PUBACK); only those count as published. A sink that stops short logs the reason in one
     * line; the rest is offered again later.
     */
    int publish(List<Reading> readings);
}
