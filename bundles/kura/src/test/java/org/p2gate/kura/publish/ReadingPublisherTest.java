package org.p2gate.kura.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.message.KuraPayload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

class ReadingPublisherTest {

    private static final Instant START = Instant.parse("2024-03-01T10:30:00Z");
    private static final ShortId GAS_METER = ShortId.of(12345678, ManufacturerCode.of("GWF"), 3, DeviceType.GAS);

    private VirtualScheduler clock;
    private FakeMaster master;
    private FakeCloudPublisher cloud;
    private ReadingPublisher publisher;

    @BeforeEach
    void setUp() {
        clock = new VirtualScheduler(START);
        master = new FakeMaster(clock);
        cloud = new FakeCloudPublisher();
        publisher = new ReadingPublisher(clock,
                new ReadingPublisher.Settings(Duration.ofSeconds(60), Duration.ofHours(24), 3));
        publisher.start();
    }

    private static HourlyValue gas(String hour, String m3) {
        return new HourlyValue(Instant.parse(hour), new BigDecimal(m3), "m^3", 14, -3, 0x00);
    }

    @Test
    void hourlyValueIsPublishedWithExactValueScalerUnitStatusAndDevice() {
        master.bind(Channel.of(1), GAS_METER);
        master.store(Channel.of(1), new HourlyValue(Instant.parse("2024-03-01T10:00:00Z"), new BigDecimal("1234.567"),
                "m^3", 14, -3, 0x04));
        publisher.master(Optional.of(master));
        publisher.cloudPublisher(Optional.of(cloud));
        clock.runDue();

        assertEquals(1, cloud.published.size());
        KuraMessage message = cloud.published.get(0);
        KuraPayload payload = message.getPayload();
        assertEquals(Date.from(Instant.parse("2024-03-01T10:00:00Z")), payload.getTimestamp());
        assertEquals(Map.of(MetricNames.CHANNEL, 1, MetricNames.VALUE, "1234.567", MetricNames.MANTISSA, 1234567L,
                MetricNames.SCALER, -3, MetricNames.UNIT, "m^3", MetricNames.COSEM_UNIT, 14,
                MetricNames.CAPTURE_TIME, "2024-03-01T10:00:00Z", MetricNames.STATUS, 4,
                MetricNames.DEVICE, "GWF-12345678-v3-t03"), payload.metrics());
        assertEquals(Map.of("type", "hourly", "channel", 1), message.getProperties());
        // the same reading as the body, for Kura's raw MQTT publishers (they send only the body)
        assertEquals("{\"type\":\"hourly\",\"channel\":1,\"value\":\"1234.567\",\"mantissa\":1234567,\"scaler\":-3,"
                + "\"unit\":\"m^3\",\"cosem_unit\":14,\"capture_time\":\"2024-03-01T10:00:00Z\",\"status\":4,"
                + "\"device\":\"GWF-12345678-v3-t03\"}", new String(payload.getBody(), StandardCharsets.UTF_8));
        assertEquals(1, publisher.valuesPublished());
    }

    @Test
    void mBusEventIsPublishedWithChannelCodeKindAndTime() {
        publisher.cloudPublisher(Optional.of(cloud));
        Instant when = Instant.parse("2024-03-01T10:29:13Z");
        publisher.onEvent(new MBusEvent(when, Channel.of(2), MBusEventKind.FRAUD_ATTEMPT));
        clock.runDue();

        assertEquals(1, cloud.published.size());
        KuraPayload payload = cloud.published.get(0).getPayload();
        // DSMR P3 M-Bus event code: 100 + 10 × (2 − 1) + 3
        assertEquals(Map.of(MetricNames.CHANNEL, 2, MetricNames.CODE, 113, MetricNames.EVENT, "FRAUD_ATTEMPT",
                MetricNames.TIME, "2024-03-01T10:29:13Z"), payload.metrics());
        assertEquals(Date.from(when), payload.getTimestamp());
        assertEquals(Map.of("type", "event", "channel", 2), cloud.published.get(0).getProperties());
        assertEquals("{\"type\":\"event\",\"channel\":2,\"code\":113,\"event\":\"FRAUD_ATTEMPT\","
                + "\"time\":\"2024-03-01T10:29:13Z\"}", new String(payload.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void eventIsNotPublishedOnTheCallersThreadSoTheMasterIsNeverHeldUp() {
        publisher.cloudPublisher(Optional.of(cloud));
        clock.runDue();
        publisher.onEvent(new MBusEvent(START, Channel.of(1), MBusEventKind.COMMUNICATION_ERROR));
        assertEquals(List.of(), cloud.published, "published before the publisher's own worker ran");
        clock.runDue();
        assertEquals(1, cloud.published.size());
    }

    @Test
    void valuesStoredWhileNoPublisherIsChosenArePublishedOldestFirstWhenOneComes() {
        publisher.master(Optional.of(master));
        master.store(Channel.of(1), gas("2024-03-01T08:00:00Z", "10.001"));
        master.store(Channel.of(1), gas("2024-03-01T09:00:00Z", "10.002"));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, publisher.valuesPublished());

        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "10.003"));
        publisher.cloudPublisher(Optional.of(cloud));
        clock.runDue();

        assertEquals(List.of("10.001", "10.002", "10.003"), values());
    }

    @Test
    void eachValueIsPublishedOnceAcrossChecks() {
        publisher.master(Optional.of(master));
        publisher.cloudPublisher(Optional.of(cloud));
        master.store(Channel.of(3), gas("2024-03-01T10:00:00Z", "5.5"));
        clock.advance(Duration.ofMinutes(5));
        master.store(Channel.of(3), gas("2024-03-01T11:00:00Z", "5.6"));
        clock.advance(Duration.ofMinutes(45));

        assertEquals(List.of("5.5", "5.6"), values());
    }

    @Test
    void valueRefusedByTheCloudIsRetriedAtTheNextCheckWithoutLossOrDuplicate() {
        publisher.master(Optional.of(master));
        publisher.cloudPublisher(Optional.of(cloud));
        cloud.failing = true;
        master.store(Channel.of(1), gas("2024-03-01T09:00:00Z", "1.000"));
        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "1.001"));
        clock.runDue();
        long atStart = publisher.failures();
        clock.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), values());
        assertEquals(atStart + 3, publisher.failures(), "a check stops at its first refusal: one per check");

        cloud.failing = false;
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("1.000", "1.001"), values());
    }

    @Test
    void afterStartOnlyValuesWithinTheBackfillWindowArePublished() {
        master.store(Channel.of(1), gas("2024-02-28T09:00:00Z", "1.000"));
        master.store(Channel.of(1), gas("2024-02-29T11:00:00Z", "1.001"));
        publisher.master(Optional.of(master));
        publisher.cloudPublisher(Optional.of(cloud));
        clock.runDue();
        // START − 24 h = 2024-02-29T10:30Z
        assertEquals(List.of("1.001"), values());
    }

    @Test
    void fullEventBacklogDropsTheOldestAndCountsIt() {
        for (int minute = 0; minute < 5; minute++) {
            publisher.onEvent(new MBusEvent(START.plusSeconds(60L * minute), Channel.of(1),
                    MBusEventKind.COMMUNICATION_ERROR));
        }
        assertEquals(2, publisher.eventsDropped());
        assertEquals(3, publisher.eventsWaiting());
        publisher.cloudPublisher(Optional.of(cloud));
        clock.runDue();
        assertEquals(List.of("2024-03-01T10:32:00Z", "2024-03-01T10:33:00Z", "2024-03-01T10:34:00Z"),
                cloud.published.stream().map(m -> m.getPayload().getMetric(MetricNames.TIME)).toList());
        assertEquals(0, publisher.eventsWaiting());
    }

    @Test
    void nothingIsPublishedAfterStop() {
        publisher.master(Optional.of(master));
        publisher.cloudPublisher(Optional.of(cloud));
        clock.runDue();
        publisher.stop();
        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "1.000"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), values());
        assertFalse(clock.pending() > 0, "a check is still scheduled after stop");
    }

    @Test
    void valueThatIsNotAWholeMantissaHasNoMantissaMetric() {
        HourlyValue odd = new HourlyValue(Instant.parse("2024-03-01T10:00:00Z"), new BigDecimal("1.2345"), "m^3", 14,
                -3, 0);
        assertNull(Payloads.hourly(Channel.of(1), Optional.empty(), odd).getPayload().getMetric(MetricNames.MANTISSA));
        assertNull(Payloads.hourly(Channel.of(1), Optional.empty(), odd).getPayload().getMetric(MetricNames.DEVICE));
        assertEquals("1.2345", Payloads.hourly(Channel.of(1), Optional.empty(), odd).getPayload()
                .getMetric(MetricNames.VALUE));
    }

    private List<Object> values() {
        return cloud.published.stream().map(m -> m.getPayload().getMetric(MetricNames.VALUE)).toList();
    }
}
