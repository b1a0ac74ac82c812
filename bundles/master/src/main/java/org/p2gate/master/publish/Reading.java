package org.p2gate.master.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.mbus.transport.ShortId;

/**
 * One published reading, the one mapping every publisher uses (Kura's CloudPublisher, an MQTT broker): its kind
 * ({@link FieldNames#TYPE_HOURLY} or {@link FieldNames#TYPE_EVENT}), channel, time and fields in their order (names:
 * {@link FieldNames}; values are Strings, Integers and Longs only).
 *
 * @param type    "hourly" or "event"
 * @param channel the M-Bus channel
 * @param time    the capture time of an hourly value, the time of an event
 * @param fields  the fields in their published order (unmodifiable)
 */
public record Reading(String type, Channel channel, Instant time, Map<String, Object> fields) {

    public Reading {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(time, "time");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The reading of one hourly value (P2 4.2.2 §6.1; COSEM 0-x:24.2.1.255 value and scaler_unit). */
    public static Reading hourly(Channel channel, Optional<ShortId> device, HourlyValue value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(FieldNames.CHANNEL, channel.number());
        fields.put(FieldNames.VALUE, value.value().toPlainString());
        mantissa(value).ifPresent(m -> fields.put(FieldNames.MANTISSA, m));
        fields.put(FieldNames.SCALER, value.scaler());
        fields.put(FieldNames.UNIT, value.unit());
        fields.put(FieldNames.COSEM_UNIT, value.cosemUnit());
        fields.put(FieldNames.CAPTURE_TIME, value.captureTime().toString());
        fields.put(FieldNames.STATUS, value.status());
        device.ifPresent(d -> fields.put(FieldNames.DEVICE, device(d)));
        return new Reading(FieldNames.TYPE_HOURLY, channel, value.captureTime(), fields);
    }

    /** The reading of one M-Bus event (DSMR P3 M-Bus event log 0-0:99.98.3.255). */
    public static Reading event(MBusEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(FieldNames.CHANNEL, event.channel().number());
        fields.put(FieldNames.CODE, event.code());
        fields.put(FieldNames.EVENT, event.kind().name());
        fields.put(FieldNames.TIME, event.time().toString());
        return new Reading(FieldNames.TYPE_EVENT, event.channel(), event.time(), fields);
    }

    /** The JSON body: {@code {"type":TYPE, <fields in their order>}}, UTF-8 (schema: README, "Publishing to MQTT"). */
    public byte[] json() {
        return JsonBody.of(type, fields);
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
