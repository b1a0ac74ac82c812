package org.p2gate.mqtt.broker;

import java.util.Objects;
import org.p2gate.master.publish.FieldNames;
import org.p2gate.master.publish.Reading;

/**
 * The topics under one prefix: {@code PREFIX/channel/N/hourly} for hourly values, {@code PREFIX/channel/N/events} for
 * M-Bus events, {@code PREFIX/status} for the retained online/offline message (birth and Last Will).
 */
public record Topics(String prefix) {

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        // MQTT 3.1.1 §4.7.1: the wildcards + and # are not allowed in a topic name
        if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.endsWith("/")
                || prefix.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("a topic prefix is not empty, has no + or #, does not end in /, got '"
                    + prefix + "'");
        }
    }

    public String of(Reading reading) {
        String kind = FieldNames.TYPE_HOURLY.equals(reading.type()) ? "hourly" : "events";
        return prefix + "/channel/" + reading.channel().number() + "/" + kind;
    }

    public String status() {
        return prefix + "/status";
    }
}
