package org.p2gate.master.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.mbus.transport.ShortId;

/** A master store in memory, on the test's virtual clock. */
final class FakeMaster implements MasterView {

    private final VirtualScheduler clock;
    private final Map<Channel, List<HourlyValue>> values = new HashMap<>();
    private final Map<Channel, ShortId> devices = new HashMap<>();

    FakeMaster(VirtualScheduler clock) {
        this.clock = clock;
    }

    void store(Channel channel, HourlyValue value) {
        values.computeIfAbsent(channel, c -> new ArrayList<>()).add(value);
    }

    void bind(Channel channel, ShortId device) {
        devices.put(channel, device);
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public Optional<ShortId> device(Channel channel) {
        return Optional.ofNullable(devices.get(channel));
    }

    @Override
    public List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
        return values.getOrDefault(channel, List.of()).stream()
                .filter(v -> !v.captureTime().isBefore(from) && v.captureTime().isBefore(to)).toList();
    }
}
