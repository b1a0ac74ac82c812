package org.p2gate.cosem.mbus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.P2Master;

/**
 * M-Bus profile 0-x:24.3.0.255 (class 7, capture period 3600 s, {@value #ENTRIES} entries = 10 days,
 * DSMR): {clock, status, value, capture time} per hourly value the master stored, oldest first.
 */
final class MBusProfileObject extends ProfileObject {

    static final int ENTRIES = 240;
    private static final long CAPTURE_PERIOD = 3600;

    private final P2Master master;
    private final Channel channel;

    MBusProfileObject(P2Master master, Channel channel, ClockObject clock, MasterValueObject value) {
        super(Obis.profile(channel), CAPTURE_PERIOD, ENTRIES);
        this.master = master;
        this.channel = channel;
        capture(clock.object(), 2);
        capture(value.object(), 4); // status
        capture(value.object(), 2); // value
        capture(value.object(), 5); // capture time
    }

    @Override
    List<ProfileRow> rows() {
        List<HourlyValue> values = master.hourlyValues(channel, Instant.EPOCH, master.now().plus(Duration.ofDays(1)));
        List<ProfileRow> rows = new ArrayList<>();
        for (HourlyValue v : values.subList(Math.max(0, values.size() - ENTRIES), values.size())) {
            rows.add(new ProfileRow(v.captureTime(), List.of(HourlyCells.time(v), HourlyCells.status(v), HourlyCells.value(v),
                    HourlyCells.time(v))));
        }
        return rows;
    }
}
