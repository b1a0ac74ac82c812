package org.p2gate.kura.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every new hourly value and every M-Bus event through the chosen CloudPublisher, on its own worker (the
 * scheduler), so that a slow or failing cloud connection never holds up the master.
 *
 * <p>Hourly values are read from the master's durable store from a per-channel cursor that advances only when a
 * value was published: while no publisher is there (or it fails), nothing is lost, and the values are published,
 * oldest first, when it comes — at most {@code backfill} back from now. Events arrive from Event Admin and wait in a
 * bounded {@link EventBacklog}.
 */
public final class ReadingPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPublisher.class);

    /** How the publisher works. */
    public record Settings(Duration checkInterval, Duration backfill, int eventBacklog) {
        public Settings {
            Objects.requireNonNull(checkInterval, "checkInterval");
            Objects.requireNonNull(backfill, "backfill");
            if (checkInterval.isNegative() || checkInterval.isZero()) {
                throw new IllegalArgumentException("the check interval must be positive, got " + checkInterval);
            }
            if (backfill.isNegative()) {
                throw new IllegalArgumentException("the backfill must not be negative, got " + backfill);
            }
        }
    }

    private final Scheduler scheduler;
    private final Settings settings;
    private final EventBacklog backlog;
    /** Per channel: the capture time of the newest published hourly value (worker only). */
    private final Map<Channel, Instant> published = new HashMap<>();
    private final AtomicLong valuesPublished = new AtomicLong();
    private final AtomicLong eventsPublished = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Optional<CloudPublisher> publisher = Optional.empty();
    private volatile Optional<MasterView> master = Optional.empty();
    private volatile boolean running;
    private Scheduler.Scheduled next;

    public ReadingPublisher(Scheduler scheduler, Settings settings) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backlog = new EventBacklog(settings.eventBacklog());
    }

    /** Starts checking: at once, then every check interval. */
    public void start() {
        running = true;
        scheduler.execute(this::tick);
    }

    /** Stops checking; a check in progress finishes. */
    public void stop() {
        running = false;
        scheduler.execute(() -> {
            if (next != null) {
                next.cancel();
            }
        });
    }

    /** The CloudPublisher chosen in Kura (CloudPublisher.target), or empty when there is none. */
    public void cloudPublisher(Optional<CloudPublisher> newPublisher) {
        publisher = Objects.requireNonNull(newPublisher);
        newPublisher.ifPresent(p -> scheduler.execute(this::publishPending));
    }

    /** The running master, or empty when it is not running. */
    public void master(Optional<MasterView> newMaster) {
        master = Objects.requireNonNull(newMaster);
        newMaster.ifPresent(m -> scheduler.execute(this::publishPending));
    }

    /** Takes an M-Bus event (from any thread); it is published on the worker. */
    public void onEvent(MBusEvent event) {
        backlog.add(event).ifPresent(lost -> LOG.warn("M-Bus event backlog full ({} events, no cloud publisher "
                + "or it fails): dropped the oldest, code {} of {} at {}; the master's event log still has it",
                settings.eventBacklog(), lost.code(), lost.channel(), lost.time()));
        if (running) {
            scheduler.execute(this::publishPending);
        }
    }

    public long valuesPublished() {
        return valuesPublished.get();
    }

    public long eventsPublished() {
        return eventsPublished.get();
    }

    /** Publish attempts that the CloudPublisher refused or that threw; each is retried later. */
    public long failures() {
        return failures.get();
    }

    /** Events dropped because the backlog was full. */
    public long eventsDropped() {
        return backlog.dropped();
    }

    /** Events waiting for a publisher. */
    public int eventsWaiting() {
        return backlog.size();
    }

    private void tick() {
        if (!running) {
            return;
        }
        publishPending();
        next = scheduler.schedule(settings.checkInterval(), this::tick);
    }

    /** Worker only. */
    private void publishPending() {
        Optional<CloudPublisher> cloud = publisher;
        if (!running || cloud.isEmpty()) {
            return;
        }
        if (!publishEvents(cloud.get())) {
            return;
        }
        master.ifPresent(m -> publishHourly(cloud.get(), m));
    }

    private boolean publishEvents(CloudPublisher cloud) {
        for (Optional<MBusEvent> event = backlog.oldest(); event.isPresent(); event = backlog.oldest()) {
            if (!send(cloud, Payloads.event(event.get()), "M-Bus event " + event.get().code())) {
                return false;
            }
            backlog.removeOldest();
            eventsPublished.incrementAndGet();
        }
        return true;
    }

    private void publishHourly(CloudPublisher cloud, MasterView view) {
        Instant now = view.now();
        Instant oldest = now.minus(settings.backfill());
        for (Channel channel : Channel.ALL) {
            Instant from = Optional.ofNullable(published.get(channel)).map(t -> t.plusNanos(1))
                    .filter(t -> t.isAfter(oldest)).orElse(oldest);
            // capture times are the meter's: allow a meter clock a day ahead of the master's
            List<HourlyValue> values = view.hourlyValues(channel, from, now.plus(Duration.ofDays(1)));
            for (HourlyValue value : values) {
                if (!send(cloud, Payloads.hourly(channel, view.device(channel), value),
                        "hourly value of " + channel + " at " + value.captureTime())) {
                    return;
                }
                published.put(channel, value.captureTime());
                valuesPublished.incrementAndGet();
            }
        }
    }

    private boolean send(CloudPublisher cloud, KuraMessage message, String what) {
        try {
            cloud.publish(message);
            return true;
        } catch (KuraException | RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("cannot publish the {} through the cloud publisher ({}): kept, retried in {} s; check the cloud "
                    + "connection and CloudPublisher.target of {}", what, e.getMessage(),
                    settings.checkInterval().toSeconds(), PublisherConfig.PID);
            return false;
        }
    }
}
