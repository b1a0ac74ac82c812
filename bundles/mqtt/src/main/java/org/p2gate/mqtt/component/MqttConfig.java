package org.p2gate.mqtt.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the MQTT publishing, PID {@value #PID}. Inert by default: no broker, nothing opened. */
@ObjectClassDefinition(id = MqttConfig.PID, name = "p2gate MQTT publishing",
        description = "Publishes every hourly M-Bus value and every M-Bus event as JSON to an MQTT broker (topics "
                + "and payload: p2gate README, section Publishing to MQTT). Nothing is published until a broker URI "
                + "is set.")
public @interface MqttConfig {

    String PID = "org.p2gate.mqtt";

    @AttributeDefinition(required = false, name = "Broker URI",
            description = "tcp://HOST:PORT or ssl://HOST:PORT (e.g. tcp://localhost:1883). Empty: publishing off.")
    String broker_uri() default "";

    @AttributeDefinition(required = false, name = "Client id",
            description = "The MQTT client identifier. Empty: p2gate-<P3 system title>, else p2gate-<host name>.")
    String client_id() default "";

    @AttributeDefinition(required = false, name = "Topic prefix",
            description = "Topics are PREFIX/channel/N/hourly, PREFIX/channel/N/events and PREFIX/status. Empty: "
                    + "p2gate/<P3 system title>, else p2gate/<client id>.")
    String topic_prefix() default "";

    @AttributeDefinition(name = "QoS", description = "1 (at least once) or 2; a reading counts as published only "
            + "once the broker acknowledged it.", options = { @Option(label = "1", value = "1"),
                    @Option(label = "2", value = "2") })
    int qos() default 1;

    @AttributeDefinition(required = false, name = "User name", description = "Empty: none is sent.")
    String username() default "";

    @AttributeDefinition(required = false, name = "Password", type = AttributeType.PASSWORD,
            description = "Empty: none is sent. Never logged.")
    String password() default "";

    @AttributeDefinition(required = false, name = "TLS trust store",
            description = "For ssl:// URIs: a PKCS12 or JKS file with the broker's CA certificate. Empty: the JVM's "
                    + "default trust store.")
    String tls_trust_store() default "";

    @AttributeDefinition(required = false, name = "TLS trust store password", type = AttributeType.PASSWORD,
            description = "The trust store's password; empty if it has none.")
    String tls_trust_store_password() default "";

    @AttributeDefinition(name = "Keep-alive (seconds)", min = "0", max = "65535",
            description = "The MQTT keep-alive interval; 0: none.")
    int keep_alive_seconds() default 60;

    @AttributeDefinition(name = "Timeout (seconds)", min = "1", max = "300",
            description = "How long a connect or a broker acknowledgement is awaited.")
    int timeout_seconds() default 10;

    @AttributeDefinition(name = "Longest reconnect wait (seconds)", min = "1", max = "3600",
            description = "Reconnection waits 1 s, then twice as long after each failure, at most this long.")
    int reconnect_max_seconds() default 120;

    @AttributeDefinition(name = "Check interval (seconds)", min = "1", max = "3600",
            description = "How often the master's store is checked for new hourly values.")
    int check_interval_seconds() default 10;

    @AttributeDefinition(name = "Backfill (hours)", min = "0", max = "2160",
            description = "How far back hourly values are published when the cursor has none of a channel (the "
                    + "first start).")
    int backfill_hours() default 24;

    @AttributeDefinition(name = "Event backlog", min = "1", max = "100000",
            description = "The most M-Bus events kept while the broker is away; beyond it the oldest is dropped "
                    + "(logged and counted; the master's event log keeps it).")
    int event_backlog() default 1000;

    @AttributeDefinition(name = "Batch", min = "1", max = "1000",
            description = "The most readings awaiting the broker's acknowledgement at once.")
    int batch() default 100;
}
