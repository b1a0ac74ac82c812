package org.p2gate.master;

import org.p2gate.clock.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels' DSMR M-Bus events: each is stored in the event log, then given to the {@link EventSink}
 * (DESIGN.md "Durability"); and the communication error and OK events of a channel, each raised once per
 * change. Touched only in the tasks of the master's scheduler.
 */
final class ChannelEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelEvents.class);

    private final MasterStore store;
    private final Scheduler scheduler;
    private final EventSink sink;
    /** Whether the last exchange with a channel's device failed (for the error/OK events; not durable). */
    private final boolean[] communicationError = new boolean[Channel.MAX + 1];

    ChannelEvents(MasterStore store, Scheduler scheduler, EventSink sink) {
        this.store = store;
        this.scheduler = scheduler;
        this.sink = sink;
    }

    /** Stores the event, then publishes it; a failing sink is logged. */
    void publish(Channel channel, MBusEventKind kind) {
        MBusEvent event = new MBusEvent(scheduler.now(), channel, kind);
        store.addEvent(event); // the event log first (DESIGN.md "Durability"), then the sink
        LOG.info("{}: event {} ({})", channel, event.code(), kind);
        try {
            sink.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: the event sink failed on event {}: {}", channel, event.code(), e.toString());
        }
    }

    /** A channel just bound or freed has no communication error. */
    void forget(Channel channel) {
        communicationError[channel.number()] = false;
    }

    /** P3 M-Bus events 100 + 10(x−1): communication error, once until it recovers. */
    void communicationError(Channel channel) {
        if (!communicationError[channel.number()]) {
            communicationError[channel.number()] = true;
            publish(channel, MBusEventKind.COMMUNICATION_ERROR);
        }
    }

    /** P3 M-Bus event 100 + 10(x−1) for a wireless device that stopped transmitting (see {@link WirelessChannels}). */
    void communicationLost(Channel channel, String why) {
        LOG.warn("{}: {}", channel, why);
        communicationError(channel);
    }

    /**
     * P3 M-Bus events 101 + 10(x−1): the first accepted message after a communication error (README "Communication
     * error and OK": called by {@link MessageAcceptance} only, for both media).
     */
    void communicationSucceeded(Channel channel) {
        if (communicationError[channel.number()]) {
            communicationError[channel.number()] = false;
            publish(channel, MBusEventKind.COMMUNICATION_OK);
        }
    }
}
