package org.p2gate.master.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @TempDir
    Path folder;
    private VirtualScheduler clock;
    private FakeMaster master;
    private RecordingSink sink;
    private ReadingPublisher publisher;

    @BeforeEach
    void setUp() {
        clock = new VirtualScheduler(START);
        master = new FakeMaster(clock);
        sink = new RecordingSink();
        publisher = publisher(PublishCursor.inMemory(), 3);
    }

    private ReadingPublisher publisher(PublishCursor cursor, int batch) {
        ReadingPublisher created = new ReadingPublisher(clock,
                new ReadingPublisher.Settings(Duration.ofSeconds(60), Duration.ofHours(24), 3, batch), cursor);
        created.start();
        return created;
    }

    /** A new publisher on {@code cursor}; {@code hours} values of a channel from 00:00; the sink acknowledges some. */
    private void publishOnNewPublisher(PublishCursor cursor, Channel channel, int hours, int acknowledged) {
        publisher.stop();
        clock.runDue();
        publisher = publisher(cursor, 3);
        publisher.master(Optional.of(master));
        for (int hour = 0; hour < hours; hour++) {
            master.store(channel, gas("2024-03-01T0" + hour + ":00:00Z", channel.number() + ".00" + hour));
        }
        sink.acknowledging = acknowledged;
        publisher.sink(Optional.of(sink));
        clock.runDue();
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
        publisher.sink(Optional.of(sink));
        clock.runDue();

        assertEquals(1, sink.published.size());
        Reading reading = sink.published.get(0);
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), reading.time());
        assertEquals(Map.of(FieldNames.CHANNEL, 1, FieldNames.VALUE, "1234.567", FieldNames.MANTISSA, 1234567L,
                FieldNames.SCALER, -3, FieldNames.UNIT, "m^3", FieldNames.COSEM_UNIT, 14,
                FieldNames.CAPTURE_TIME, "2024-03-01T10:00:00Z", FieldNames.STATUS, 4,
                FieldNames.DEVICE, "GWF-12345678-v3-t03"), reading.fields());
        // the documented JSON body (README, "Publishing to MQTT"), members in this order
        assertEquals("{\"type\":\"hourly\",\"channel\":1,\"value\":\"1234.567\",\"mantissa\":1234567,\"scaler\":-3,"
                + "\"unit\":\"m^3\",\"cosem_unit\":14,\"capture_time\":\"2024-03-01T10:00:00Z\",\"status\":4,"
                + "\"device\":\"GWF-12345678-v3-t03\"}", new String(reading.json(), StandardCharsets.UTF_8));
        assertEquals(1, publisher.valuesPublished());
    }

    @Test
    void mBusEventIsPublishedWithChannelCodeKindAndTime() {
        publisher.sink(Optional.of(sink));
        Instant when = Instant.parse("2024-03-01T10:29:13Z");
        publisher.onEvent(new MBusEvent(when, Channel.of(2), MBusEventKind.FRAUD_ATTEMPT));
        clock.runDue();

        assertEquals(1, sink.published.size());
        Reading reading = sink.published.get(0);
        // DSMR P3 M-Bus event code: 100 + 10 × (2 − 1) + 3
        assertEquals(Map.of(FieldNames.CHANNEL, 2, FieldNames.CODE, 113, FieldNames.EVENT, "FRAUD_ATTEMPT",
                FieldNames.TIME, "2024-03-01T10:29:13Z"), reading.fields());
        assertEquals(when, reading.time());
        assertEquals("{\"type\":\"event\",\"channel\":2,\"code\":113,\"event\":\"FRAUD_ATTEMPT\","
                + "\"time\":\"2024-03-01T10:29:13Z\"}", new String(reading.json(), StandardCharsets.UTF_8));
    }

    @Test
    void eventIsNotPublishedOnTheCallersThreadSoTheMasterIsNeverHeldUp() {
        publisher.sink(Optional.of(sink));
        clock.runDue();
        publisher.onEvent(new MBusEvent(START, Channel.of(1), MBusEventKind.COMMUNICATION_ERROR));
        assertEquals(List.of(), sink.published, "published before the publisher's own worker ran");
        clock.runDue();
        assertEquals(1, sink.published.size());
    }

    @Test
    void valuesStoredWhileNoSinkIsThereArePublishedOldestFirstWhenOneComes() {
        publisher.master(Optional.of(master));
        master.store(Channel.of(1), gas("2024-03-01T08:00:00Z", "10.001"));
        master.store(Channel.of(1), gas("2024-03-01T09:00:00Z", "10.002"));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, publisher.valuesPublished());

        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "10.003"));
        publisher.sink(Optional.of(sink));
        clock.runDue();

        assertEquals(List.of("10.001", "10.002", "10.003"), sink.values());
    }

    @Test
    void eachValueIsPublishedOnceAcrossChecks() {
        publisher.master(Optional.of(master));
        publisher.sink(Optional.of(sink));
        master.store(Channel.of(3), gas("2024-03-01T10:00:00Z", "5.5"));
        clock.advance(Duration.ofMinutes(5));
        master.store(Channel.of(3), gas("2024-03-01T11:00:00Z", "5.6"));
        clock.advance(Duration.ofMinutes(45));

        assertEquals(List.of("5.5", "5.6"), sink.values());
    }

    @Test
    void valuesNotAcknowledgedAreRetriedAtTheNextCheckWithoutLossOrDuplicate() {
        publisher.master(Optional.of(master));
        publisher.sink(Optional.of(sink));
        sink.acknowledging = 0;
        master.store(Channel.of(1), gas("2024-03-01T09:00:00Z", "1.000"));
        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "1.001"));
        clock.runDue();
        long atStart = publisher.failures();
        clock.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), sink.values());
        assertEquals(atStart + 3, publisher.failures(), "a check stops at its first refusal: one per check");

        sink.acknowledging = Integer.MAX_VALUE;
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("1.000", "1.001"), sink.values());
    }

    @Test
    void aBatchAcknowledgedInPartMovesTheCursorOverTheAcknowledgedPartOnly() {
        PublishCursor cursor = PublishCursor.inMemory();
        publishOnNewPublisher(cursor, Channel.of(2), 5, 2);
        assertEquals(Optional.of(Instant.parse("2024-03-01T01:00:00Z")), cursor.acknowledged(Channel.of(2)));

        sink.acknowledging = Integer.MAX_VALUE;
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("2.000", "2.001", "2.002", "2.003", "2.004"), sink.values());
    }

    @Test
    void aRestartOnThePersistedCursorPublishesNeitherAgainNorLessThanWasAcknowledged() {
        Path file = folder.resolve("publisher/cursor.properties");
        publishOnNewPublisher(PublishCursor.open(file), Channel.of(1), 6, 4);
        publisher.stop();
        clock.runDue();

        RecordingSink after = new RecordingSink();
        ReadingPublisher restarted = publisher(PublishCursor.open(file), 3);
        restarted.master(Optional.of(master));
        restarted.sink(Optional.of(after));
        clock.runDue();

        assertEquals(List.of("1.000", "1.001", "1.002", "1.003"), sink.values());
        assertEquals(List.of("1.004", "1.005"), after.values());
    }

    @Test
    void afterStartOnlyValuesWithinTheBackfillWindowArePublished() {
        master.store(Channel.of(1), gas("2024-02-28T09:00:00Z", "1.000"));
        master.store(Channel.of(1), gas("2024-02-29T11:00:00Z", "1.001"));
        publisher.master(Optional.of(master));
        publisher.sink(Optional.of(sink));
        clock.runDue();
        // START − 24 h = 2024-02-29T10:30Z
        assertEquals(List.of("1.001"), sink.values());
    }

    @Test
    void aReceiverAwayLongerThanTheBackfillWindowStillGetsEverythingAfterTheCursor() {
        PublishCursor cursor = PublishCursor.inMemory();
        cursor.advance(Channel.of(1), Instant.parse("2024-02-27T10:00:00Z")); // 3 days before START
        publisher.stop();
        clock.runDue();
        publisher = publisher(cursor, 3);
        master.store(Channel.of(1), gas("2024-02-27T10:00:00Z", "1.000"));
        master.store(Channel.of(1), gas("2024-02-27T11:00:00Z", "1.001"));
        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "1.002"));
        publisher.master(Optional.of(master));
        publisher.sink(Optional.of(sink));
        clock.runDue();
        assertEquals(List.of("1.001", "1.002"), sink.values());
    }

    @Test
    void fullEventBacklogDropsTheOldestAndCountsIt() {
        for (int minute = 0; minute < 5; minute++) {
            publisher.onEvent(new MBusEvent(START.plusSeconds(60L * minute), Channel.of(1),
                    MBusEventKind.COMMUNICATION_ERROR));
        }
        assertEquals(2, publisher.eventsDropped());
        assertEquals(3, publisher.eventsWaiting());
        publisher.sink(Optional.of(sink));
        clock.runDue();
        assertEquals(List.of("2024-03-01T10:32:00Z", "2024-03-01T10:33:00Z", "2024-03-01T10:34:00Z"),
                sink.published.stream().map(r -> r.fields().get(FieldNames.TIME)).toList());
        assertEquals(0, publisher.eventsWaiting());
    }

    @Test
    void nothingIsPublishedAfterStop() {
        publisher.master(Optional.of(master));
        publisher.sink(Optional.of(sink));
        clock.runDue();
        publisher.stop();
        master.store(Channel.of(1), gas("2024-03-01T10:00:00Z", "1.000"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), sink.values());
        assertFalse(clock.pending() > 0, "a check is still scheduled after stop");
    }

    @Test
    void valueThatIsNotAWholeMantissaHasNoMantissaField() {
        HourlyValue odd = new HourlyValue(Instant.parse("2024-03-01T10:00:00Z"), new BigDecimal("1.2345"), "m^3", 14,
                -3, 0);
        Reading reading = Reading.hourly(Channel.of(1), Optional.empty(), odd);
        assertFalse(reading.fields().containsKey(FieldNames.MANTISSA));
        assertFalse(reading.fields().containsKey(FieldNames.DEVICE));
        assertEquals("1.2345", reading.fields().get(FieldNames.VALUE));
    }
}
