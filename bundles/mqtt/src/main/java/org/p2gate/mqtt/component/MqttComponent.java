package org.p2gate.mqtt.component;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.p2gate.master.P2Master;
import org.p2gate.master.publish.MBusEventProperties;
import org.p2gate.master.publish.MalformedEventException;
import org.p2gate.master.publish.MasterView;
import org.p2gate.master.publish.PublishCursor;
import org.p2gate.master.publish.ReadingPublisher;
import org.p2gate.mqtt.broker.BrokerSettings;
import org.p2gate.mqtt.broker.MqttPublishing;
import org.p2gate.mqtt.broker.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT publishing (PID {@value MqttConfig#PID}): inert until {@code broker.uri} is set; then publishes the
 * master's new hourly values (read from its store) and its M-Bus events (from Event Admin) to the broker, with the
 * cursor in {@code <p2gate.data>/mqtt}. A reconfiguration restarts it on the same cursor.
 */
@Component(name = MqttConfig.PID, configurationPid = MqttConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = EventHandler.class, property = "event.topics=" + MBusEventProperties.TOPIC)
@Designate(ocd = MqttConfig.class)
public final class MqttComponent implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MqttComponent.class);
    /** The P3 server's PID and its system title property (the default client id and topic prefix). */
    static final String P3_PID = "org.p2gate.p3";
    static final String SYSTEM_TITLE = "system.title";

    private final AtomicLong malformedEvents = new AtomicLong();
    private volatile Optional<MqttPublishing> publishing = Optional.empty();
    private volatile P2Master master;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    @Activate
    void activate(BundleContext context, MqttConfig config) {
        if (config.broker_uri().isBlank()) {
            LOG.info("MQTT publishing off: no broker.uri in {}", MqttConfig.PID);
            return;
        }
        BrokerSettings broker;
        try {
            broker = settings(config, systemTitle());
        } catch (IllegalArgumentException e) {
            LOG.warn("MQTT publishing off: {} is not usable ({})", MqttConfig.PID, e.getMessage());
            return;
        }
        MqttPublishing started = MqttPublishing.start(broker, new ReadingPublisher.Settings(
                Duration.ofSeconds(config.check_interval_seconds()), Duration.ofHours(config.backfill_hours()),
                config.event_backlog(), config.batch()), PublishCursor.inDataFolder(context, "mqtt"));
        started.master(Optional.ofNullable(master).map(MasterView::of));
        publishing = Optional.of(started);
        LOG.info("MQTT publishing to {}", broker);
    }

    @Deactivate
    void deactivate() {
        Optional<MqttPublishing> stopped = publishing;
        publishing = Optional.empty();
        stopped.ifPresent(MqttPublishing::close);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMaster")
    void bindMaster(P2Master newMaster) {
        master = newMaster;
        publishing.ifPresent(p -> p.master(Optional.of(MasterView.of(newMaster))));
    }

    void unbindMaster(P2Master oldMaster) {
        if (master == oldMaster) {
            master = null;
            publishing.ifPresent(p -> p.master(Optional.empty()));
        }
    }

    @Override
    public void handleEvent(Event event) {
        Optional<MqttPublishing> current = publishing;
        if (current.isEmpty()) {
            return;
        }
        try {
            current.get().onEvent(MBusEventProperties.parse(event::getProperty));
        } catch (MalformedEventException e) {
            LOG.warn("ignored a malformed M-Bus event on {} ({} so far): {}", event.getTopic(),
                    malformedEvents.incrementAndGet(), e.getMessage());
        }
    }

    /** The broker settings of a configuration; the client id and prefix default to the P3 system title. */
    static BrokerSettings settings(MqttConfig config, Optional<String> systemTitle) {
        String clientId = !config.client_id().isBlank() ? config.client_id().strip()
                : "p2gate-" + systemTitle.orElseGet(MqttComponent::hostName);
        String prefix = !config.topic_prefix().isBlank() ? config.topic_prefix().strip()
                : "p2gate/" + systemTitle.orElse(clientId);
        return new BrokerSettings(config.broker_uri().strip(), clientId, new Topics(prefix), config.qos(),
                nonEmpty(config.username()), nonEmpty(config.password()), nonEmpty(config.tls_trust_store())
                        .map(Path::of), nonEmpty(config.tls_trust_store_password()),
                Duration.ofSeconds(config.keep_alive_seconds()), Duration.ofSeconds(config.timeout_seconds()),
                Duration.ofSeconds(config.reconnect_max_seconds()));
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The P3 server's system title, as configured (16 hex digits, upper case), if any. */
    private Optional<String> systemTitle() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return Optional.empty();
        }
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + P3_PID + ")");
            if (found == null || found.length == 0) {
                return Optional.empty();
            }
            Dictionary<String, Object> properties = found[0].getProperties();
            Object title = properties == null ? null : properties.get(SYSTEM_TITLE);
            return title instanceof String text && !text.isBlank() ? Optional.of(text.strip().toUpperCase())
                    : Optional.empty();
        } catch (IOException | InvalidSyntaxException e) {
            LOG.debug("no P3 system title: {}", e.toString());
            return Optional.empty();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "gateway";
        }
    }
}
