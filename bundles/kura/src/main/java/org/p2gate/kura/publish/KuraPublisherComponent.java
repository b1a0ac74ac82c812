package org.p2gate.kura.publish;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
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
import org.p2gate.clock.SystemScheduler;
import org.p2gate.master.P2Master;
import org.p2gate.master.publish.MBusEventProperties;
import org.p2gate.master.publish.MalformedEventException;
import org.p2gate.master.publish.MasterView;
import org.p2gate.master.publish.PublishCursor;
import org.p2gate.master.publish.ReadingPublisher;
import org.p2gate.master.publish.ReadingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud publishing as a Kura configurable component (PID {@value PublisherConfig#PID}): binds the master and the
 * CloudPublisher chosen by {@code CloudPublisher.target}, takes the master's M-Bus events from Event Admin, and runs a
 * {@link ReadingPublisher} on its own worker thread. The per-channel cursor is persisted in the data folder, so a
 * restart or a reconfiguration neither loses nor publishes twice what Kura accepted.
 */
@Component(name = PublisherConfig.PID, configurationPid = PublisherConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = { ConfigurableComponent.class, EventHandler.class },
        property = { "kura.service.pid=" + PublisherConfig.PID,
                "event.topics=" + MBusEventProperties.TOPIC })
@Designate(ocd = PublisherConfig.class)
public final class KuraPublisherComponent implements ConfigurableComponent, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(KuraPublisherComponent.class);

    /** Kura's publish returns once its data service holds the message: one at a time is enough. */
    private static final int BATCH = 1;

    private final AtomicLong malformedEvents = new AtomicLong();
    private volatile Duration retry = Duration.ofMinutes(1);
    private SystemScheduler worker;
    private volatile ReadingPublisher publisher;
    private volatile CloudPublisher cloud;
    private volatile P2Master master;

    @Activate
    void activate(BundleContext context, PublisherConfig config) {
        worker = new SystemScheduler("p2gate-kura-publisher",
                e -> LOG.error("cloud publishing task failed: {}", e.toString(), e));
        retry = Duration.ofSeconds(config.check_interval_seconds());
        ReadingPublisher started = new ReadingPublisher(worker, new ReadingPublisher.Settings(
                retry, Duration.ofHours(config.backfill_hours()), config.event_backlog(), BATCH),
                PublishCursor.inDataFolder(context, "kura-publisher"));
        started.start();
        started.sink(Optional.ofNullable(cloud).map(this::sink));
        started.master(Optional.ofNullable(master).map(MasterView::of));
        publisher = started;
        LOG.info("cloud publishing: publisher {}, checking every {} s, backfill {} h{}", config.CloudPublisher_target(),
                config.check_interval_seconds(), config.backfill_hours(),
                PublisherConfig.NO_PUBLISHER.equals(config.CloudPublisher_target())
                        ? " (none chosen: set CloudPublisher.target to publish)" : "");
    }

    private ReadingSink sink(CloudPublisher target) {
        return new CloudPublisherSink(target, retry);
    }

    @Deactivate
    void deactivate() {
        ReadingPublisher stopped = publisher;
        publisher = null;
        if (stopped != null) {
            stopped.stop();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Reference(name = "CloudPublisher", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCloudPublisher")
    void bindCloudPublisher(CloudPublisher newCloud) {
        cloud = newCloud;
        ReadingPublisher current = publisher;
        if (current != null) {
            current.sink(Optional.of(sink(newCloud)));
        }
    }

    void unbindCloudPublisher(CloudPublisher oldCloud) {
        if (cloud == oldCloud) {
            cloud = null;
            ReadingPublisher current = publisher;
            if (current != null) {
                current.sink(Optional.empty());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMaster")
    void bindMaster(P2Master newMaster) {
        master = newMaster;
        ReadingPublisher current = publisher;
        if (current != null) {
            current.master(Optional.of(MasterView.of(newMaster)));
        }
    }

    void unbindMaster(P2Master oldMaster) {
        if (master == oldMaster) {
            master = null;
            ReadingPublisher current = publisher;
            if (current != null) {
                current.master(Optional.empty());
            }
        }
    }

    @Override
    public void handleEvent(Event event) {
        ReadingPublisher current = publisher;
        if (current == null) {
            return;
        }
        try {
            current.onEvent(MBusEventProperties.parse(event::getProperty));
        } catch (MalformedEventException e) {
            LOG.warn("ignored a malformed M-Bus event on {} ({} so far): {}", event.getTopic(),
                    malformedEvents.incrementAndGet(), e.getMessage());
        }
    }
}
