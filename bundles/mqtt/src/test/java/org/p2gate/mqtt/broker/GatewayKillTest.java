package org.p2gate.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Channel;
import org.p2gate.master.publish.PublishCursor;

/**
 * The gateway killed (SIGKILL) while it drains a backlog, then started again on the same data folder: nothing the
 * persisted cursor says was acknowledged is sent again, nothing else is lost, and the broker tells the platform the
 * gateway went offline (the Last Will). The gateway runs in its own JVM ({@link BacklogGateway}).
 */
class GatewayKillTest {

    private static final int COUNT = 10_000;
    private static final int BATCH = 10;

    @TempDir
    static Path folder;
    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Mosquitto.assumeInstalled();
        // without it the broker's PUBACKs wait for Nagle's algorithm: 40 ms a batch (README, "Publishing to MQTT")
        broker = Mosquitto.start(folder, "allow_anonymous true\nset_tcp_nodelay true\n");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Process gateway(Path cursor, Path output) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BacklogGateway.class.getName(), broker.uri("tcp"), "kill",
                cursor.toString(), String.valueOf(COUNT), String.valueOf(BATCH)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
    }

    private static Instant captureTime(Subscriber.Received message) {
        return Instant.parse(message.payload().replaceAll(".*\"capture_time\":\"([^\"]+)\".*", "$1"));
    }

    private static Channel channel(Subscriber.Received message) {
        return Channel.of(Integer.parseInt(message.topic().split("/")[2]));
    }

    @Test
    void aGatewayKilledMidPublishNeitherResendsWhatWasAcknowledgedNorLosesTheRest() throws Exception {
        Path cursor = folder.resolve("data/mqtt/cursor.properties");
        try (Subscriber platform = new Subscriber(broker.uri("tcp"), "kill/#")) {
            Process first = gateway(cursor, folder.resolve("first.log"));
            platform.awaitUntil(r -> r.size() >= COUNT / 4, 60);
            assertTrue(first.isAlive(), "the backlog was drained before the kill: " + Files.readString(
                    folder.resolve("first.log")));
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean disconnect
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            // the broker notices the closed connection and publishes the Last Will
            platform.awaitUntil(r -> r.stream().anyMatch(m -> m.payload().equals(BrokerConnection.OFFLINE)), 10);
            Thread.sleep(500); // what the broker had from the first run has arrived
            int beforeRestart = platform.received().size();
            PublishCursor atKill = PublishCursor.open(cursor);
            assertTrue(platform.on(t -> t.equals("kill/status")).stream()
                    .anyMatch(m -> m.payload().equals(BrokerConnection.OFFLINE)), "no Last Will after the kill");

            Process second = gateway(cursor, folder.resolve("second.log"));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run did not drain the rest");
            assertTrue(Files.readString(folder.resolve("second.log")).contains("drained "),
                    Files.readString(folder.resolve("second.log")));
            Thread.sleep(300);

            List<Subscriber.Received> all = platform.received().stream()
                    .filter(m -> m.topic().endsWith("/hourly") && !m.redelivered()).toList();
            Map<Channel, List<Instant>> arrived = new HashMap<>();
            for (Subscriber.Received message : all) {
                arrived.computeIfAbsent(channel(message), c -> new ArrayList<>()).add(captureTime(message));
            }
            for (Channel channel : Channel.ALL) {
                assertEquals(BacklogGateway.captureTimes(channel, COUNT), arrived.get(channel).stream().distinct()
                        .sorted().toList(), "every value of " + channel + " arrived (nothing lost)");
            }
            List<Subscriber.Received> afterRestart = platform.received().subList(beforeRestart,
                    platform.received().size()).stream().filter(m -> m.topic().endsWith("/hourly")).toList();
            for (Subscriber.Received message : afterRestart) {
                Optional<Instant> acknowledged = atKill.acknowledged(channel(message));
                assertTrue(acknowledged.map(t -> captureTime(message).isAfter(t)).orElse(true),
                        "sent again although acknowledged before the kill: " + message.payload());
            }
            int duplicates = all.size() - COUNT;
            assertTrue(duplicates <= BATCH, duplicates + " duplicates: more than the one batch in flight at the kill");
            assertTrue(afterRestart.size() < COUNT, "the second run started from the beginning");
        }
    }
}
