package org.p2gate.master.publish;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.p2gate.master.Channel;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;

/**
 * Reads an M-Bus event back from the properties the master posts on Event Admin topic {@value #TOPIC}: "channel"
 * (Integer 1..4), "kind" (an MBusEventKind name), "time" (ISO-8601 UTC) and "code" (Integer, checked against the
 * other three).
 */
public final class MBusEventProperties {

    /** The master's Event Admin topic of M-Bus events. */
    public static final String TOPIC = "org/p2gate/master/MBUS_EVENT";

    private MBusEventProperties() {
    }

    /** @param property the event's property by name, null when absent (e.g. {@code Event::getProperty}) */
    public static MBusEvent parse(Function<String, Object> property) throws MalformedEventException {
        Object channel = property.apply("channel");
        Object kind = property.apply("kind");
        Object time = property.apply("time");
        Object code = property.apply("code");
        if (!(channel instanceof Integer number) || number < 1 || number > Channel.MAX) {
            throw new MalformedEventException("property 'channel' is not a channel number 1..4: " + channel);
        }
        MBusEventKind eventKind;
        try {
            eventKind = MBusEventKind.valueOf(String.valueOf(kind));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("property 'kind' is not an M-Bus event kind: " + kind);
        }
        Instant when;
        try {
            when = Instant.parse(String.valueOf(time));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("property 'time' is not an ISO-8601 UTC time: " + time);
        }
        MBusEvent event = new MBusEvent(when, Channel.of(number), eventKind);
        if (!(code instanceof Integer c) || c != event.code()) {
            throw new MalformedEventException("property 'code' " + code + " is not the code " + event.code()
                    + " of " + eventKind + " on " + event.channel());
        }
        return event;
    }
}
