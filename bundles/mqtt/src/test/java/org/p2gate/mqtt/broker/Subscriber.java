package org.p2gate.mqtt.broker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A durable QoS 1 subscriber (a data platform's side): a persistent session, so that what the broker accepted while
 * it was away reaches it after a broker restart; reconnects by itself.
 */
public final class Subscriber implements AutoCloseable {

    /**
     * One received message; {@code redelivered}: the broker sent it again to this subscriber (DUP flag, MQTT 3.1.1
     * §3.3.1.1: its own retransmission after a restart, not a second publication by the gateway).
     */
    public record Received(String topic, String payload, boolean retained, boolean redelivered) {
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    public Subscriber(String uri, String filter) throws MqttException {
        this(uri, filter, null, null);
    }

    /** A subscriber that logs in with {@code user} and {@code password}. */
    public Subscriber(String uri, String filter, String user, String password) throws MqttException {
        client = new MqttClient(uri, "test-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (received) {
                    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                            message.isRetained(), message.isDuplicate()));
                    received.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    /** What arrived so far, in order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The messages on topics that match {@code topic}, in order, without the broker's own redeliveries. */
    public List<Received> on(Predicate<String> topic) {
        return received().stream().filter(r -> topic.test(r.topic()) && !r.redelivered()).toList();
    }

    /** Waits until {@code condition} holds for what arrived, at most {@code seconds}; returns what arrived. */
    public List<Received> awaitUntil(Predicate<List<Received>> condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (received) {
            while (!condition.test(received) && System.nanoTime() < deadline) {
                received.wait(100);
            }
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
