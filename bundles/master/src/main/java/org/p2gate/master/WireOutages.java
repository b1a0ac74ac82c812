package org.p2gate.master;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.wired.LinkStateListener;

/**
 * The wired medium going down and coming back (issue 16). The link reopens its medium by itself; the master reports
 * the outage per channel and reads again when it ends. Both run in the master's scheduler's tasks.
 */
final class WireOutages implements LinkStateListener {

    private final Scheduler scheduler;
    private final ChannelEvents events;
    /** The channels bound to a wired device, in channel order. */
    private final Supplier<List<Channel>> boundWired;
    /** Whether the master was stopped (its store may be closed). */
    private final BooleanSupplier stopped;
    /** Whether the master runs. */
    private final BooleanSupplier started;
    /** Reads a channel's device now, as the hourly poll does. */
    private final Consumer<Channel> read;

    WireOutages(Scheduler scheduler, ChannelEvents events, Supplier<List<Channel>> boundWired, BooleanSupplier stopped,
            BooleanSupplier started, Consumer<Channel> read) {
        this.scheduler = scheduler;
        this.events = events;
        this.boundWired = boundWired;
        this.stopped = stopped;
        this.started = started;
        this.read = read;
    }

    @Override
    public void down(String reason) {
        // P3 M-Bus events 100 + 10(x−1): a communication error per bound wired channel, once per outage; not from a
        // stopped master (its store may be closed: the link goes down when the component closes it)
        scheduler.execute(() -> {
            if (!stopped.getAsBoolean()) {
                boundWired.get().forEach(events::communicationError);
            }
        });
    }

    @Override
    public void up(Duration downFor) {
        // reads resume: each bound wired channel is read now, not an hour later
        scheduler.execute(() -> {
            if (started.getAsBoolean()) {
                boundWired.get().forEach(read);
            }
        });
    }
}
