package org.p2gate.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.master.publish.PublishCursor;
import org.p2gate.master.publish.ReadingPublisher;

/** The publishing against a real Mosquitto on a loopback port (one broker for the class). */
class MqttPublishingTest {

    private static final Instant MIDNIGHT = Instant.parse("2024-03-01T00:00:00Z");

    @TempDir
    static Path brokerFolder;
    @TempDir
    Path data;
    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.start(brokerFolder, "allow_anonymous true\n");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static BrokerSettings settings(String uri, String prefix, Optional<String> user, Optional<String> password,
            Optional<Path> trustStore) {
        return new BrokerSettings(uri, "gw-" + prefix.replace('/', '-'), new Topics(prefix), 1, user, password,
                trustStore, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    static ReadingPublisher.Settings every(Duration check, int batch) {
        return new ReadingPublisher.Settings(check, Duration.ofDays(3650), 1000, batch);
    }

    private static String hourlyJson(HourlyValue value) {
        return "{\"type\":\"hourly\",\"channel\":1,\"value\":\"" + value.value().toPlainString() + "\",\"mantissa\":"
                + value.value().movePointRight(3).longValueExact() + ",\"scaler\":-3,\"unit\":\"m^3\","
                + "\"cosem_unit\":14,\"capture_time\":\"" + value.captureTime() + "\",\"status\":0,"
                + "\"device\":\"GWF-12345678-v3-t03\"}";
    }

    @Test
    void aDayOfHourlyValuesInVirtualTimeArrivesOnceEachInOrderAsTheDocumentedJson() throws Exception {
        TestMaster master = new TestMaster(MIDNIGHT);
        try (Subscriber platform = new Subscriber(broker.uri("tcp"), "day/#");
                MqttPublishing publishing = MqttPublishing.start(settings(broker.uri("tcp"), "day", Optional.empty(),
                        Optional.empty(), Optional.empty()), every(Duration.ofMinutes(10), 100),
                        PublishCursor.open(data.resolve("mqtt/cursor.properties")))) {
            publishing.master(Optional.of(master));
            List<String> expected = new ArrayList<>();
            for (int hour = 0; hour < 24; hour++) {
                expected.add(hourlyJson(master.nextHour()));
                publishing.publisher().wake(); // the check at the whole hour (P2 §6.1: one value per hour)
            }
            publishing.onEvent(new MBusEvent(MIDNIGHT.plusSeconds(3600 + 17), Channel.of(1),
                    MBusEventKind.COMMUNICATION_ERROR));

            platform.awaitUntil(r -> r.stream().filter(m -> m.topic().endsWith("/hourly")).count() >= 24
                    && r.stream().anyMatch(m -> m.topic().endsWith("/events")), 20);
            Thread.sleep(300); // a duplicate would arrive now
            List<Subscriber.Received> hourly = platform.on(t -> t.equals("day/channel/1/hourly"));
            assertEquals(expected, hourly.stream().map(Subscriber.Received::payload).toList(),
                    "24 values, each once, oldest first, as documented");
            assertEquals(List.of("{\"type\":\"event\",\"channel\":1,\"code\":100,\"event\":\"COMMUNICATION_ERROR\","
                    + "\"time\":\"2024-03-01T01:00:17Z\"}"), platform.on(t -> t.equals("day/channel/1/events"))
                            .stream().map(Subscriber.Received::payload).toList());
            assertEquals(List.of(BrokerConnection.ONLINE), platform.on(t -> t.equals("day/status")).stream()
                    .map(Subscriber.Received::payload).toList(), "the birth message");
            assertEquals(24, publishing.publisher().valuesPublished());
            assertEquals(Optional.of(master.now()), PublishCursor.open(data.resolve("mqtt/cursor.properties"))
                    .acknowledged(TestMaster.GAS), "the cursor on disk is at the last acknowledged value");
        }
    }

    @Test
    void theStatusIsRetainedOnlineWhileConnectedAndOfflineAfterAStop() throws Exception {
        TestMaster master = new TestMaster(MIDNIGHT);
        MqttPublishing publishing = MqttPublishing.start(settings(broker.uri("tcp"), "status", Optional.empty(),
                Optional.empty(), Optional.empty()), every(Duration.ofMinutes(10), 10), PublishCursor.inMemory());
        publishing.master(Optional.of(master));
        try (Subscriber late = await(() -> publishing.connection().connected(), 10)
                ? new Subscriber(broker.uri("tcp"), "status/status") : null) {
            // a subscriber that comes later gets the retained birth message
            assertEquals(List.of(BrokerConnection.ONLINE), late.awaitUntil(r -> !r.isEmpty(), 5).stream()
                    .map(Subscriber.Received::payload).toList());
            publishing.close();
            assertEquals(BrokerConnection.OFFLINE, late.awaitUntil(r -> r.size() >= 2, 5).get(1).payload());
        }
        try (Subscriber after = new Subscriber(broker.uri("tcp"), "status/status")) {
            Subscriber.Received retained = after.awaitUntil(r -> !r.isEmpty(), 5).get(0);
            assertEquals(BrokerConnection.OFFLINE, retained.payload());
            assertTrue(retained.retained());
        }
    }

    @Test
    void theBrokerStoppedForHoursAndRestartedGetsEverythingOnceWhileTheMasterGoesOn() throws Exception {
        TestMaster master = new TestMaster(MIDNIGHT);
        try (Subscriber platform = new Subscriber(broker.uri("tcp"), "away/channel/#");
                MqttPublishing publishing = MqttPublishing.start(settings(broker.uri("tcp"), "away", Optional.empty(),
                        Optional.empty(), Optional.empty()), every(Duration.ofMillis(200), 100),
                        PublishCursor.open(data.resolve("mqtt/cursor.properties")))) {
            publishing.master(Optional.of(master));
            List<Instant> expected = new ArrayList<>();
            for (int hour = 0; hour < 3; hour++) {
                expected.add(master.nextHour().captureTime());
            }
            platform.awaitUntil(r -> r.size() >= 3, 10);
            Thread.sleep(300); // the subscriber's PUBACKs reach the broker

            broker.stop();
            assertTrue(await(() -> !publishing.connection().connected(), 10), "the loss was noticed");
            // six "hours" without a broker: the master stores a value each hour and posts an event; neither waits
            for (int hour = 0; hour < 6; hour++) {
                expected.add(master.nextHour().captureTime());
                long before = System.nanoTime();
                publishing.onEvent(new MBusEvent(master.now(), Channel.of(2), MBusEventKind.COMMUNICATION_ERROR));
                assertTrue(System.nanoTime() - before < 50_000_000L, "an event waited for the broker");
            }
            Thread.sleep(1500); // reconnection attempts fail meanwhile, with backoff
            assertTrue(publishing.connection().connectFailures(ConnectFailure.NETWORK) >= 1);
            broker.start();

            platform.awaitUntil(
                    r -> r.stream().filter(m -> m.topic().endsWith("/hourly")).count() >= 9
                            && r.stream().filter(m -> m.topic().endsWith("/events")).count() >= 6, 30);
            Thread.sleep(300);
            assertEquals(expected.stream().map(Instant::toString).toList(), platform
                    .on(t -> t.equals("away/channel/1/hourly")).stream()
                    .map(m -> m.payload().replaceAll(".*\"capture_time\":\"([^\"]+)\".*", "$1")).toList(),
                    "every value once, in order");
            assertEquals(6, platform.on(t -> t.equals("away/channel/2/events")).size());
            assertEquals(0, publishing.publisher().eventsDropped());
        }
    }

    static boolean await(java.util.function.BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void aPublishingThatIsClosedLeavesNoThreadBehind() throws Exception {
        MqttPublishing publishing = MqttPublishing.start(settings(broker.uri("tcp"), "threads", Optional.empty(),
                Optional.empty(), Optional.empty()), every(Duration.ofSeconds(1), 10), PublishCursor.inMemory());
        assertTrue(await(() -> publishing.connection().connected(), 10));
        publishing.close();
        assertTrue(await(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("p2gate-mqtt") || t.getName().startsWith("MQTT ")), 5),
                "threads left: p2gate-mqtt or Paho's");
        assertFalse(publishing.connection().connected());
    }
}
