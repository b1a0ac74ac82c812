package org.p2gate.kura.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.message.KuraPayload;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.mbus.transport.ShortId;

/**
 * Builds the Kura messages of an hourly value and of an M-Bus event (metric names: {@link MetricNames}): metrics and
 * the same fields as a JSON body, so that any Kura publisher publishes them.
 */
public final class Payloads {

    private Payloads() {
    }

    /** The message of one hourly value (P2 4.2.2 §6.1; COSEM 0-x:24.2.1.255 value and scaler_unit). */
    public static KuraMessage hourly(Channel channel, Optional<ShortId> device, HourlyValue value) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.CHANNEL, channel.number());
        metrics.put(MetricNames.VALUE, value.value().toPlainString());
        mantissa(value).ifPresent(m -> metrics.put(MetricNames.MANTISSA, m));
        metrics.put(MetricNames.SCALER, value.scaler());
        metrics.put(MetricNames.UNIT, value.unit());
        metrics.put(MetricNames.COSEM_UNIT, value.cosemUnit());
        metrics.put(MetricNames.CAPTURE_TIME, value.captureTime().toString());
        metrics.put(MetricNames.STATUS, value.status());
        device.ifPresent(d -> metrics.put(MetricNames.DEVICE, device(d)));
        return message(MetricNames.TYPE_HOURLY, channel, value.captureTime(), metrics);
    }

    /** The message of one M-Bus event (DSMR P3 M-Bus event log 0-0:99.98.3.255). */
    public static KuraMessage event(MBusEvent event) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.CHANNEL, event.channel().number());
        metrics.put(MetricNames.CODE, event.code());
        metrics.put(MetricNames.EVENT, event.kind().name());
        metrics.put(MetricNames.TIME, event.time().toString());
        return message(MetricNames.TYPE_EVENT, event.channel(), event.time(), metrics);
    }

    /**
     * The metrics (for Kura's data-service publishers, which send the KuraPayload), the same fields as a JSON body
     * (for the raw MQTT publishers, which send the body only) and the message properties type and channel.
     */
    private static KuraMessage message(String type, Channel channel, Instant time, Map<String, Object> metrics) {
        KuraPayload payload = new KuraPayload();
        payload.setTimestamp(Date.from(time));
        metrics.forEach(payload::addMetric);
        payload.setBody(JsonBody.of(type, metrics));
        return new KuraMessage(payload, Map.of(MetricNames.PROPERTY_TYPE, type,
                MetricNames.PROPERTY_CHANNEL, channel.number()));
    }

    /** The Short ID as MAN-ID-vVER-tTYPE (P2 4.2.2 §4.2.2: ID, MAN, VER, DEV), type as two hex digits. */
    static String device(ShortId id) {
        return id.manufacturer().letters() + "-" + id.identificationNumber() + "-v" + id.version() + "-t"
                + String.format("%02X", id.deviceType().code());
    }

    /** value = mantissa × 10^scaler, exactly; empty if that is not a whole number that fits a long. */
    static Optional<Long> mantissa(HourlyValue value) {
        BigDecimal mantissa = value.value().movePointLeft(value.scaler());
        try {
            return Optional.of(mantissa.longValueExact());
        } catch (ArithmeticException notWholeOrTooLarge) {
            return Optional.empty();
        }
    }
}
