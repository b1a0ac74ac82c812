package org.p2gate.cosem.mbus;

import java.util.ArrayList;
import java.util.List;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.P2Master;

/** M-Bus event log 0-0:99.98.3.255 (class 7): {clock, event code 0-0:96.11.3.255} per event, from the master's event log. */
final class EventLogObject extends ProfileObject {

    /** The entries shown: the master's event log keeps 1000 by default. */
    static final int ENTRIES = 1000;

    private final P2Master master;

    EventLogObject(P2Master master, ClockObject clock, EventCodeObject code) {
        super(Obis.MBUS_EVENT_LOG, 0, ENTRIES); // capture period 0: captured when an event happens
        this.master = master;
        capture(clock.object(), 2);
        capture(code.object(), 2);
    }

    @Override
    List<ProfileRow> rows() {
        List<ProfileRow> rows = new ArrayList<>();
        for (MBusEvent event : master.events(ENTRIES)) {
            rows.add(new ProfileRow(event.time(), List.of(new Axdr().octetString(CosemDateTime.encode(event.time())).bytes(),
                    new Axdr().unsigned(event.code()).bytes())));
        }
        return rows;
    }
}
