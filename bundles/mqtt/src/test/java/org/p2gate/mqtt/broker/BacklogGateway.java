package org.p2gate.mqtt.broker;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.publish.MasterView;
import org.p2gate.master.publish.PublishCursor;
import org.p2gate.master.publish.ReadingPublisher;

/**
 * A gateway process with a backlog: {@code COUNT} hourly values stored on channels 1..4 (round robin, whole hours from
 * {@link #FIRST}) that the MQTT publishing drains to a broker from the cursor in {@code CURSOR-FILE}. Prints
 * {@code drained N MILLIS} (N values published in this run, in MILLIS from the connection) and exits. Used by the
 * SIGKILL test and by {@code ./p2gate bench --mqtt-only}.
 *
 * <pre>java -cp … org.p2gate.mqtt.broker.BacklogGateway URI PREFIX CURSOR-FILE COUNT BATCH</pre>
 */
public final class BacklogGateway {

    /** The capture time of the first value. */
    public static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

    private BacklogGateway() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String prefix = args[1];
        Path cursorFile = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        Backlog master = new Backlog(count);
        long remaining = master.after(PublishCursor.open(cursorFile));
        BrokerSettings broker = new BrokerSettings(uri, "backlog-" + prefix, new Topics(prefix), 1, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        try (MqttPublishing publishing = MqttPublishing.start(broker, new ReadingPublisher.Settings(
                Duration.ofSeconds(1), Duration.ofDays(36_500), 1000, batch), PublishCursor.open(cursorFile))) {
            while (!publishing.connection().connected()) {
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            publishing.master(Optional.of(master));
            while (publishing.publisher().valuesPublished() < remaining) {
                Thread.sleep(1);
            }
            System.out.println("drained " + remaining + " " + (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The expected capture times of a channel in a backlog of {@code count}. */
    public static List<Instant> captureTimes(Channel channel, int count) {
        List<Instant> times = new ArrayList<>();
        for (int i = channel.number() - 1; i < count; i += Channel.MAX) {
            times.add(FIRST.plus(Duration.ofHours(i / Channel.MAX)));
        }
        return times;
    }

    /** The store with the backlog; its clock stands an hour after the newest value. */
    private static final class Backlog implements MasterView {

        private final Map<Channel, List<HourlyValue>> values = new HashMap<>();
        private final Instant now;

        Backlog(int count) {
            for (Channel channel : Channel.ALL) {
                List<HourlyValue> list = new ArrayList<>();
                for (Instant time : captureTimes(channel, count)) {
                    long hours = Duration.between(FIRST, time).toHours();
                    list.add(new HourlyValue(time, BigDecimal.valueOf(hours * 125 + channel.number(), 3), "m^3", 14,
                            -3, 0));
                }
                values.put(channel, list);
            }
            now = FIRST.plus(Duration.ofHours(count / Channel.MAX + 1));
        }

        long after(PublishCursor cursor) {
            return Channel.ALL.stream().mapToLong(c -> values.get(c).stream().filter(v -> cursor.acknowledged(c)
                    .map(t -> v.captureTime().isAfter(t)).orElse(true)).count()).sum();
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Optional<org.p2gate.mbus.transport.ShortId> device(Channel channel) {
            return Optional.empty();
        }

        @Override
        public List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
            return values.get(channel).stream().filter(v -> !v.captureTime().isBefore(from)
                    && v.captureTime().isBefore(to)).toList();
        }
    }
}
