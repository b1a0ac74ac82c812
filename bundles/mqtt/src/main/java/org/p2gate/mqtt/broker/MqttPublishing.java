package org.p2gate.mqtt.broker;

import java.util.Objects;
import java.util.Optional;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.publish.MasterView;
import org.p2gate.master.publish.PublishCursor;
import org.p2gate.master.publish.ReadingPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing to one broker, assembled: a worker thread of its own, the master's {@link ReadingPublisher} on the
 * persisted cursor, and the {@link BrokerConnection} that becomes its sink while connected.
 */
public final class MqttPublishing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublishing.class);

    private final SystemScheduler worker;
    private final ReadingPublisher publisher;
    private final BrokerConnection connection;

    private MqttPublishing(BrokerSettings broker, ReadingPublisher.Settings settings, PublishCursor cursor) {
        worker = new SystemScheduler("p2gate-mqtt", e -> LOG.error("MQTT publishing task failed: {}", e.toString(), e));
        publisher = new ReadingPublisher(worker, settings, cursor);
        connection = new BrokerConnection(broker, worker, publisher::sink, settings.batch());
    }

    /** Starts publishing: checks the store at once and connects to the broker. */
    public static MqttPublishing start(BrokerSettings broker, ReadingPublisher.Settings settings,
            PublishCursor cursor) {
        MqttPublishing publishing = new MqttPublishing(Objects.requireNonNull(broker, "broker"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(cursor, "cursor"));
        publishing.publisher.start();
        publishing.connection.start();
        return publishing;
    }

    /** The running master, or empty when it is not running. */
    public void master(Optional<MasterView> master) {
        publisher.master(master);
    }

    /** An M-Bus event from Event Admin. */
    public void onEvent(MBusEvent event) {
        publisher.onEvent(event);
    }

    public ReadingPublisher publisher() {
        return publisher;
    }

    public BrokerConnection connection() {
        return connection;
    }

    /** Stops checking, says "offline" and disconnects, ends the worker. */
    @Override
    public void close() {
        publisher.stop();
        connection.stop();
        worker.close();
    }
}
