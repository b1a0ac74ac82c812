package org.p2gate.kura.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.kura.message.KuraPayload;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.master.publish.FieldNames;
import org.p2gate.master.publish.Reading;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

class CloudPublisherSinkTest {

    private static final ShortId GAS_METER = ShortId.of(12345678, ManufacturerCode.of("GWF"), 3, DeviceType.GAS);
    private static final Reading HOURLY = Reading.hourly(Channel.of(1), Optional.of(GAS_METER),
            new HourlyValue(Instant.parse("2024-03-01T10:00:00Z"), new BigDecimal("1234.567"), "m^3", 14, -3, 0x04));
    private static final Reading EVENT = Reading.event(new MBusEvent(Instant.parse("2024-03-01T10:29:13Z"),
            Channel.of(2), MBusEventKind.FRAUD_ATTEMPT));

    private final FakeCloudPublisher cloud = new FakeCloudPublisher();
    private final CloudPublisherSink sink = new CloudPublisherSink(cloud, Duration.ofSeconds(60));

    @Test
    void anHourlyValueIsOneKuraMessageWithTheReadingsFieldsAsMetricsAndAsTheJsonBody() {
        assertEquals(1, sink.publish(List.of(HOURLY)));

        KuraPayload payload = cloud.published.get(0).getPayload();
        assertEquals(Date.from(Instant.parse("2024-03-01T10:00:00Z")), payload.getTimestamp());
        assertEquals(Map.of(FieldNames.CHANNEL, 1, FieldNames.VALUE, "1234.567", FieldNames.MANTISSA, 1234567L,
                FieldNames.SCALER, -3, FieldNames.UNIT, "m^3", FieldNames.COSEM_UNIT, 14,
                FieldNames.CAPTURE_TIME, "2024-03-01T10:00:00Z", FieldNames.STATUS, 4,
                FieldNames.DEVICE, "GWF-12345678-v3-t03"), payload.metrics());
        assertEquals(Map.of("type", "hourly", "channel", 1), cloud.published.get(0).getProperties());
        // the same reading as the body, for Kura's raw MQTT publishers (they send only the body)
        assertEquals(new String(HOURLY.json(), StandardCharsets.UTF_8),
                new String(payload.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void anEventCarriesTypeAndChannelAsMessageProperties() {
        assertEquals(1, sink.publish(List.of(EVENT)));
        assertEquals(Map.of("type", "event", "channel", 2), cloud.published.get(0).getProperties());
        assertEquals(Date.from(Instant.parse("2024-03-01T10:29:13Z")),
                cloud.published.get(0).getPayload().getTimestamp());
    }

    @Test
    void aRefusedPublicationStopsTheBatchAndReportsWhatWentThrough() {
        cloud.failing = true;
        assertEquals(0, sink.publish(List.of(HOURLY, EVENT)));
        assertEquals(1, cloud.refused, "the second reading was offered after the first was refused");
    }
}
