package org.p2gate.master;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry of the M-Bus event log (COSEM 0-0:99.98.3.255): a DSMR M-Bus event code for a channel,
 * {@code 100 + 10 × (channel − 1) + k} (see {@link MBusEventKind}).
 *
 * @param time    when the master noticed it (UTC)
 * @param channel the channel
 * @param kind    what happened
 */
public record MBusEvent(Instant time, Channel channel, MBusEventKind kind) {

    public MBusEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
    }

    /** The DSMR event code: 100 + 10 × (channel − 1) + the kind's offset. */
    public int code() {
        return 100 + 10 * (channel.number() - 1) + kind.offset();
    }
}
