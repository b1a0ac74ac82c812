package org.p2gate.mqtt.broker;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.publish.MasterView;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/**
 * The master's store as the publisher sees it, on a virtual clock the test moves: a gas meter on channel 1 whose
 * hourly value rises by 0.125 m³ an hour (P2 4.2.2 §6.1: one value per whole hour, the meter's capture time).
 */
final class TestMaster implements MasterView {

    static final ShortId GAS_METER = ShortId.of(12345678, ManufacturerCode.of("GWF"), 3, DeviceType.GAS);
    static final Channel GAS = Channel.of(1);

    private final Map<Channel, List<HourlyValue>> values = new ConcurrentHashMap<>();
    private volatile Instant now;

    TestMaster(Instant start) {
        now = start;
    }

    /** The value the meter captured at {@code hour} (a whole hour). */
    static HourlyValue gas(Instant hour) {
        long hours = Duration.between(Instant.parse("2024-01-01T00:00:00Z"), hour).toHours();
        return new HourlyValue(hour, new BigDecimal(1000).add(BigDecimal.valueOf(hours * 125, 3)), "m^3", 14, -3, 0);
    }

    /** Moves the clock one hour on and stores the value the meter captured at the new whole hour. */
    HourlyValue nextHour() {
        now = now.plus(Duration.ofHours(1));
        HourlyValue value = gas(now);
        synchronized (this) {
            values.computeIfAbsent(GAS, c -> new ArrayList<>()).add(value);
        }
        return value;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Optional<ShortId> device(Channel channel) {
        return channel.equals(GAS) ? Optional.of(GAS_METER) : Optional.empty();
    }

    @Override
    public synchronized List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
        return values.getOrDefault(channel, List.of()).stream()
                .filter(v -> !v.captureTime().isBefore(from) && v.captureTime().isBefore(to)).toList();
    }
}
