package org.p2gate.kura.publish;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.message.KuraPayload;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.mbus.transport.ShortId;

/** Builds the Kura messages of an hourly value and of an M-Bus event (metric names: {@link MetricNames}). */
public final class Payloads {

    private Payloads() {
    }

    /** The message of one hourly value (P2 4.2.2 §6.1; COSEM 0-x:24.2.1.255 value and scaler_unit). */
    public static KuraMessage hourly(Channel channel, Optional<ShortId> device, HourlyValue value) {
        KuraPayload payload = new KuraPayload();
        payload.setTimestamp(Date.from(value.captureTime()));
        payload.addMetric(MetricNames.CHANNEL, channel.number());
        payload.addMetric(MetricNames.VALUE, value.value().toPlainString());
        mantissa(value).ifPresent(m -> payload.addMetric(MetricNames.MANTISSA, m));
        payload.addMetric(MetricNames.SCALER, value.scaler());
        payload.addMetric(MetricNames.UNIT, value.unit());
        payload.addMetric(MetricNames.COSEM_UNIT, value.cosemUnit());
        payload.addMetric(MetricNames.CAPTURE_TIME, value.captureTime().toString());
        payload.addMetric(MetricNames.STATUS, value.status());
        device.ifPresent(d -> payload.addMetric(MetricNames.DEVICE, device(d)));
        return new KuraMessage(payload, Map.of(MetricNames.PROPERTY_TYPE, MetricNames.TYPE_HOURLY,
                MetricNames.PROPERTY_CHANNEL, channel.number()));
    }

    /** The message of one M-Bus event (DSMR P3 M-Bus event log 0-0:99.98.3.255). */
    public static KuraMessage event(MBusEvent event) {
        KuraPayload payload = new KuraPayload();
        payload.setTimestamp(Date.from(event.time()));
        payload.addMetric(MetricNames.CHANNEL, event.channel().number());
        payload.addMetric(MetricNames.CODE, event.code());
        payload.addMetric(MetricNames.EVENT, event.kind().name());
        payload.addMetric(MetricNames.TIME, event.time().toString());
        return new KuraMessage(payload, Map.of(MetricNames.PROPERTY_TYPE, MetricNames.TYPE_EVENT,
                MetricNames.PROPERTY_CHANNEL, event.channel().number()));
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
