package org.p2gate.master.publish;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.P2Master;
import org.p2gate.mbus.transport.ShortId;

/** What the publisher reads of the master: its clock, the channels' devices and their stored hourly values. */
public interface MasterView {

    /** The master's time (UTC). */
    Instant now();

    /** The device a channel is bound to, as last read; empty when the channel is free or nothing was read. */
    Optional<ShortId> device(Channel channel);

    /** The stored hourly values of a channel with {@code from ≤ captureTime < to}, oldest first. */
    List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to);

    /** The view of a running master (its reads are store reads: they do not wait for the master's worker). */
    static MasterView of(P2Master master) {
        return new MasterView() {
            @Override
            public Instant now() {
                return master.now();
            }

            @Override
            public Optional<ShortId> device(Channel channel) {
                return master.channel(channel).device();
            }

            @Override
            public List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
                return master.hourlyValues(channel, from, to);
            }
        };
    }
}
