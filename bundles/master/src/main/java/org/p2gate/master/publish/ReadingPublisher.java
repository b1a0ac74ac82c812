package org.p2gate.master.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.mbus.transport.ShortId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every new hourly value and every M-Bus event to a {@link ReadingSink}, on its own worker (the scheduler),
 * so that a slow or absent receiver never holds up the master.
 *
 * <p>Hourly values are read from the master's durable store from a per-channel {@link PublishCursor} that advances
 * only over what the sink acknowledged: while no sink is there (or it fails), nothing is lost, and the values are
 * published, oldest first, when it comes back (a channel the cursor has none of: from {@code backfill} back from
 * now). Events arrive from Event
 * Admin and wait in a bounded {@link EventBacklog}.
 */
public final class ReadingPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPublisher.class);

    /**
     * How the publisher works.
     *
     * @param checkInterval how often the store is checked and a failed publication retried
     * @param backfill      how far back from now values are published when the cursor has none of a channel
     * @param eventBacklog  the most events kept while they cannot be published
     * @param batch         the most readings handed to the sink at once (acknowledgements awaited together)
     */
    public record Settings(Duration checkInterval, Duration backfill, int eventBacklog, int batch) {
        public Settings {
            Objects.requireNonNull(checkInterval, "checkInterval");
            Objects.requireNonNull(backfill, "backfill");
            if (checkInterval.isNegative() || checkInterval.isZero()) {
                throw new IllegalArgumentException("the check interval must be positive, got " + checkInterval);
            }
            if (backfill.isNegative()) {
                throw new IllegalArgumentException("the backfill must not be negative, got " + backfill);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("a batch holds at least 1 reading, got " + batch);
            }
        }
    }

    private final Scheduler scheduler;
    private final Settings settings;
    private final PublishCursor cursor;
    private final EventBacklog backlog;
    private final AtomicLong valuesPublished = new AtomicLong();
    private final AtomicLong eventsPublished = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Optional<ReadingSink> sink = Optional.empty();
    private volatile Optional<MasterView> master = Optional.empty();
    private volatile boolean running;
    private Scheduler.Scheduled next;

    public ReadingPublisher(Scheduler scheduler, Settings settings, PublishCursor cursor) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
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

    /** The receiver, or empty when there is none; a new one is offered what is pending at once. */
    public void sink(Optional<ReadingSink> newSink) {
        sink = Objects.requireNonNull(newSink);
        newSink.ifPresent(s -> wake());
    }

    /** The running master, or empty when it is not running. */
    public void master(Optional<MasterView> newMaster) {
        master = Objects.requireNonNull(newMaster);
        newMaster.ifPresent(m -> wake());
    }

    /** Publishes what is pending soon, on the worker (e.g. the sink's connection came back). */
    public void wake() {
        scheduler.execute(this::publishPending);
    }

    /** Takes an M-Bus event (from any thread); it is published on the worker. */
    public void onEvent(MBusEvent event) {
        backlog.add(event).ifPresent(lost -> LOG.warn("M-Bus event backlog full ({} events, no receiver or it "
                + "fails): dropped the oldest, code {} of {} at {}; the master's event log still has it",
                settings.eventBacklog(), lost.code(), lost.channel(), lost.time()));
        if (running) {
            wake();
        }
    }

    public long valuesPublished() {
        return valuesPublished.get();
    }

    public long eventsPublished() {
        return eventsPublished.get();
    }

    /** Publications that stopped short (the sink refused or did not acknowledge); each is retried later. */
    public long failures() {
        return failures.get();
    }

    /** Events dropped because the backlog was full. */
    public long eventsDropped() {
        return backlog.dropped();
    }

    /** Events waiting for a receiver. */
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
        Optional<ReadingSink> receiver = sink;
        if (!running || receiver.isEmpty()) {
            return;
        }
        if (!publishEvents(receiver.get())) {
            return;
        }
        master.ifPresent(m -> publishHourly(receiver.get(), m));
    }

    private boolean publishEvents(ReadingSink receiver) {
        while (backlog.size() > 0) {
            List<MBusEvent> batch = backlog.oldest(settings.batch());
            int acknowledged = receiver.publish(batch.stream().map(Reading::event).toList());
            backlog.removeOldest(acknowledged);
            eventsPublished.addAndGet(acknowledged);
            if (acknowledged < batch.size()) {
                failures.incrementAndGet();
                return false;
            }
        }
        return true;
    }

    private void publishHourly(ReadingSink receiver, MasterView view) {
        Instant now = view.now();
        Instant oldest = now.minus(settings.backfill());
        for (Channel channel : Channel.ALL) {
            // from the cursor however long the receiver was away (the store keeps what it keeps); the backfill
            // window only where no value of the channel was ever acknowledged
            Instant from = cursor.acknowledged(channel).map(t -> t.plusNanos(1)).orElse(oldest);
            // capture times are the meter's: allow a meter clock a day ahead of the master's
            List<HourlyValue> values = view.hourlyValues(channel, from, now.plus(Duration.ofDays(1)));
            Optional<ShortId> device = view.device(channel);
            for (int start = 0; start < values.size(); start += settings.batch()) {
                List<HourlyValue> batch = values.subList(start, Math.min(values.size(), start + settings.batch()));
                List<Reading> readings = new ArrayList<>(batch.size());
                batch.forEach(v -> readings.add(Reading.hourly(channel, device, v)));
                int acknowledged = receiver.publish(readings);
                if (acknowledged > 0) {
                    cursor.advance(channel, batch.get(acknowledged - 1).captureTime());
                    valuesPublished.addAndGet(acknowledged);
                }
                if (acknowledged < batch.size()) {
                    failures.incrementAndGet();
                    return;
                }
            }
        }
    }
}
