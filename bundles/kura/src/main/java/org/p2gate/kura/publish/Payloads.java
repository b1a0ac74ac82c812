package org.p2gate.kura.publish;

import java.util.Date;
import java.util.Map;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.message.KuraPayload;
import org.p2gate.master.publish.FieldNames;
import org.p2gate.master.publish.Reading;

/**
 * The Kura message of a reading (its one mapping: {@link Reading}): the fields as metrics (for Kura's data-service
 * publishers, which send the KuraPayload), the same fields as the JSON body (for the raw MQTT publishers, which send
 * the body only) and the message properties type and channel.
 */
public final class Payloads {

    private Payloads() {
    }

    public static KuraMessage message(Reading reading) {
        KuraPayload payload = new KuraPayload();
        payload.setTimestamp(Date.from(reading.time()));
        reading.fields().forEach(payload::addMetric);
        payload.setBody(reading.json());
        return new KuraMessage(payload, Map.of(FieldNames.PROPERTY_TYPE, reading.type(),
                FieldNames.PROPERTY_CHANNEL, reading.channel().number()));
    }
}
