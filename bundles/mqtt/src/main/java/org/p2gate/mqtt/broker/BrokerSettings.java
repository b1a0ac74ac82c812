package org.p2gate.mqtt.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the broker. {@link #toString()} never shows the password or the trust store's password.
 *
 * @param uri                the broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId           the MQTT client identifier
 * @param topics             where readings and the status go
 * @param qos                1 or 2: a reading counts as published only once the broker acknowledged it
 * @param username           empty: no user name is sent
 * @param password           empty: no password is sent
 * @param trustStore         a PKCS12 or JKS trust store for {@code ssl://}; empty: the JVM's default trust store
 * @param trustStorePassword its password, empty if none
 * @param keepAlive          the MQTT keep-alive interval
 * @param timeout            how long a connect, a PUBACK or a disconnect is awaited
 * @param reconnectMax       the longest wait between two connection attempts (the backoff's ceiling)
 */
public record BrokerSettings(String uri, String clientId, Topics topics, int qos, Optional<String> username,
        Optional<String> password, Optional<Path> trustStore, Optional<String> trustStorePassword,
        Duration keepAlive, Duration timeout, Duration reconnectMax) {

    public BrokerSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            throw new IllegalArgumentException("the broker URI is tcp://HOST:PORT or ssl://HOST:PORT, got " + uri);
        }
        if (qos < 1 || qos > 2) {
            // QoS 0 has no acknowledgement: the cursor could not tell what the broker has
            throw new IllegalArgumentException("QoS is 1 or 2, got " + qos);
        }
        if (clientId.isEmpty() || keepAlive.isNegative() || timeout.isNegative() || timeout.isZero()
                || reconnectMax.toSeconds() < 1) {
            throw new IllegalArgumentException("a client id, a keep-alive ≥ 0 s, a timeout > 0 and a reconnect "
                    + "ceiling ≥ 1 s are needed");
        }
    }

    public boolean tls() {
        return uri.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return uri + " as " + clientId + username.map(u -> " (user " + u + ")").orElse("") + ", QoS " + qos
                + ", topics " + topics.prefix() + "/..." + trustStore.map(t -> ", trust store " + t).orElse("");
    }
}
