package org.p2gate.headend;

import java.time.Instant;
import java.util.OptionalInt;

/** One entry of the M-Bus event log 0-0:99.98.3.255: when, the event code, its meaning and channel. */
public record EventEntry(Instant time, int code, String meaning, OptionalInt channel) {

    /** An entry with the meaning of a DSMR M-Bus event code. */
    public static EventEntry of(Instant time, int code) {
        return new EventEntry(time, code, MBusEventCodes.meaning(code), MBusEventCodes.channel(code));
    }
}
