package org.p2gate.mqtt.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.publish.Reading;
import org.p2gate.master.publish.ReadingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection (Eclipse Paho) kept up on the publisher's worker: it connects with a Last Will (retained
 * "offline" on the status topic), says "online" there (retained) once connected, and hands itself to the publisher as
 * its sink; when the connection fails or is lost it withdraws as sink and tries again after a growing wait
 * ({@link Backoff}). A reading counts as published once its PUBACK (QoS 1) or PUBCOMP (QoS 2) arrived. Paho keeps
 * nothing of its own (clean session, memory persistence): the publisher's cursor is the one record of what the broker
 * has.
 */
public final class BrokerConnection implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    /** The retained status payloads. */
    static final String ONLINE = "{\"online\":true}";
    static final String OFFLINE = "{\"online\":false}";

    private final BrokerSettings settings;
    private final Scheduler worker;
    private final Consumer<Optional<ReadingSink>> sinkChanged;
    private final int maxInflight;
    private final Backoff backoff;
    private final AtomicLong connects = new AtomicLong();
    private final Map<ConnectFailure, AtomicLong> connectFailures = new EnumMap<>(ConnectFailure.class);
    private final AtomicLong connectionsLost = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private volatile boolean stopped;
    /** Worker only. */
    private MqttAsyncClient client;
    /** The next connection attempt, at most one (worker only). */
    private Optional<Scheduler.Scheduled> nextAttempt = Optional.empty();
    private volatile boolean connected;

    /**
     * @param sinkChanged told (from the worker or Paho's thread) when this connection can take readings, and when
     *                    it no longer can
     * @param maxInflight the most readings awaiting their acknowledgement at once (the publisher's batch)
     */
    public BrokerConnection(BrokerSettings settings, Scheduler worker, Consumer<Optional<ReadingSink>> sinkChanged,
            int maxInflight) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.sinkChanged = Objects.requireNonNull(sinkChanged, "sinkChanged");
        this.maxInflight = maxInflight;
        this.backoff = new Backoff(settings.reconnectMax());
        for (ConnectFailure failure : ConnectFailure.values()) {
            connectFailures.put(failure, new AtomicLong());
        }
    }

    /** Connects on the worker, at once. */
    public void start() {
        worker.execute(this::connect);
    }

    /**
     * Says "offline" (retained) and disconnects, waiting at most the timeout; a closed worker cannot run it, so this
     * runs before the worker is closed.
     */
    public void stop() {
        stopped = true;
        sinkChanged.accept(Optional.empty());
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            disconnect();
            done.complete(null);
        });
        try {
            done.get(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("MQTT broker {}: no clean disconnect ({}); the broker sends the Last Will", settings.uri(),
                    e.toString());
        }
    }

    public boolean connected() {
        return connected;
    }

    /** Successful connections. */
    public long connects() {
        return connects.get();
    }

    /** Failed connection attempts of one kind. */
    public long connectFailures(ConnectFailure kind) {
        return connectFailures.get(kind).get();
    }

    /** Failed connection attempts, every kind. */
    public long connectFailures() {
        return connectFailures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Established connections that were lost. */
    public long connectionsLost() {
        return connectionsLost.get();
    }

    /** Readings sent but not acknowledged (connection lost or PUBACK not in time); each is sent again later. */
    public long unacknowledged() {
        return unacknowledged.get();
    }

    @Override
    public int publish(List<Reading> readings) {
        MqttAsyncClient current = client;
        if (!connected || current == null) {
            return 0;
        }
        List<IMqttDeliveryToken> tokens = new ArrayList<>(readings.size());
        try {
            for (Reading reading : readings) {
                tokens.add(current.publish(settings.topics().of(reading), reading.json(), settings.qos(), false));
            }
        } catch (MqttException e) {
            LOG.debug("MQTT publish stopped after {} of {}: {}", tokens.size(), readings.size(), e.toString());
        }
        int acknowledged = 0;
        for (IMqttDeliveryToken token : tokens) {
            try {
                token.waitForCompletion(settings.timeout().toMillis());
            } catch (MqttException e) {
                long count = unacknowledged.addAndGet(readings.size() - acknowledged);
                LOG.warn("MQTT broker {}: {} of {} readings not acknowledged ({}; {} so far): sent again later",
                        settings.uri(), readings.size() - acknowledged, readings.size(), ConnectFailure.reason(e),
                        count);
                return acknowledged;
            }
            acknowledged++;
        }
        if (acknowledged < readings.size()) {
            unacknowledged.addAndGet(readings.size() - acknowledged);
        }
        return acknowledged;
    }

    /** Worker only. */
    private void connect() {
        if (stopped || connected) {
            return;
        }
        try {
            MqttConnectOptions options = options();
            client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
            client.setCallback(new Callback(client));
            client.connect(options).waitForCompletion(settings.timeout().toMillis());
            // the retained birth message: the status topic says "online" until the Last Will says otherwise
            client.publish(settings.topics().status(), ONLINE.getBytes(StandardCharsets.UTF_8), 1, true)
                    .waitForCompletion(settings.timeout().toMillis());
        } catch (MqttException | TrustStoreException e) {
            failed(e);
            return;
        }
        connected = true;
        connects.incrementAndGet();
        LOG.info("MQTT broker {}: connected{}", settings, backoff.attempts() > 0
                ? " after " + backoff.attempts() + " failed attempts" : "");
        backoff.succeeded();
        sinkChanged.accept(Optional.of(this));
    }

    private MqttConnectOptions options() throws TrustStoreException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false); // ours, with the backoff and the cursor
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, settings.timeout().toSeconds()));
        options.setMaxInflight(Math.max(10, maxInflight));
        options.setWill(settings.topics().status(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (!settings.tls()) {
            options.setSocketFactory(NoDelaySockets.plain());
        } else if (settings.trustStore().isPresent()) {
            options.setSocketFactory(NoDelaySockets.tls(TlsSockets.trusting(settings.trustStore().get(),
                    settings.trustStorePassword().orElse("").toCharArray())));
        } else {
            options.setSocketFactory(NoDelaySockets.tls((SSLSocketFactory) SSLSocketFactory.getDefault()));
        }
        return options;
    }

    /** Worker only. */
    private void failed(Exception e) {
        closeClient();
        ConnectFailure kind = e instanceof TrustStoreException ? ConnectFailure.TLS : ConnectFailure.of(e);
        long count = connectFailures.get(kind).incrementAndGet();
        Duration wait = backoff.failed();
        LOG.warn("MQTT broker {}: cannot connect, {} ({}); {} failures of this kind, retrying in {} s",
                settings.uri(), kind.text(), ConnectFailure.reason(e), count, wait.toSeconds());
        connectIn(wait);
    }

    /** Worker only: the next attempt after {@code wait}, replacing one already planned. */
    private void connectIn(Duration wait) {
        nextAttempt.ifPresent(Scheduler.Scheduled::cancel);
        nextAttempt = Optional.of(worker.schedule(wait, this::connect));
    }

    /** Worker only. */
    private void disconnect() {
        connected = false;
        nextAttempt.ifPresent(Scheduler.Scheduled::cancel);
        MqttAsyncClient current = client;
        if (current != null && current.isConnected()) {
            try {
                current.publish(settings.topics().status(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true)
                        .waitForCompletion(settings.timeout().toMillis());
                current.disconnect(settings.timeout().toMillis()).waitForCompletion(settings.timeout().toMillis());
            } catch (MqttException e) {
                LOG.debug("MQTT disconnect: {}", e.toString());
            }
        }
        closeClient();
    }

    /** Worker only. */
    private void closeClient() {
        MqttAsyncClient current = client;
        client = null;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    current.disconnectForcibly(0, settings.timeout().toMillis());
                }
                current.close(true);
            } catch (MqttException e) {
                LOG.debug("MQTT close: {}", e.toString());
            }
        }
    }

    /** Paho's callbacks, on Paho's threads. */
    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            connected = false;
            sinkChanged.accept(Optional.empty());
            if (stopped) {
                return;
            }
            Duration wait = Duration.ofSeconds(1);
            LOG.warn("MQTT broker {}: connection lost ({}; {} so far); readings wait, reconnecting in {} s",
                    settings.uri(), ConnectFailure.reason(cause), connectionsLost.incrementAndGet(), wait.toSeconds());
            worker.execute(() -> {
                if (client == owner) {
                    closeClient();
                }
                connectIn(wait);
            });
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // nothing is subscribed
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the tokens are awaited in publish
        }
    }
}
