package org.p2gate.mbus.wired;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The medium of a {@link WiredLink}: opens its transport, reopens it with {@link ReopenBackoff} after a failure
 * and tells the {@link LinkStateListener}s of each change between down and up. Each opening has its generation:
 * callbacks of an earlier opening are dropped. Worker only, except {@link #isUp()}.
 */
final class Medium {

    private static final Logger LOG = LoggerFactory.getLogger(WiredLink.class);

    /** What the link does with the traffic of the open medium (called in the scheduler's tasks). */
    interface Traffic {
        void received(byte[] bytes, long arrival);

        void failed(Throwable cause);
    }

    private enum State { CLOSED, OPEN, FAILED }

    private final WiredTransport transport;
    private final Scheduler scheduler;
    private final ReopenBackoff backoff;
    private final Supplier<String> describe;
    private final Traffic traffic;
    private final List<LinkStateListener> listeners = new CopyOnWriteArrayList<>();

    // everything below: touched only in the scheduler's tasks
    private volatile State state = State.CLOSED; // written by the worker, read by isUp() from any thread
    private String downReason = "the link is not open";
    private int generation;
    /** While the medium is down: when it went down (scheduler nanos), the next attempt to reopen it and its delay. */
    private long downSince;
    private int reopenAttempts;
    private Duration reopenDelay;
    private Scheduler.Scheduled reopenTimer;

    Medium(WiredTransport transport, Scheduler scheduler, ReopenBackoff backoff, Supplier<String> describe,
            Traffic traffic) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.describe = describe;
        this.traffic = traffic;
    }

    void addStateListener(LinkStateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Whether the medium is open now (safe from any thread; a snapshot). */
    boolean isUp() {
        return state == State.OPEN;
    }

    /** Whether it failed and is being reopened (rather than closed by hand or never opened). */
    boolean isFailed() {
        return state == State.FAILED;
    }

    /** Why the medium is not open. */
    String downReason() {
        return downReason;
    }

    /** See {@link WiredLink#open()}. */
    CompletableFuture<Void> open() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (state == State.OPEN) {
                done.complete(null);
                return;
            }
            boolean wasDown = state == State.FAILED;
            cancelReopen();
            if (tryOpen()) {
                if (wasDown) {
                    cameBack();
                } else {
                    LOG.info("{} open", describe.get());
                }
                done.complete(null);
                return;
            }
            wentDown();
            done.completeExceptionally(new LinkException(LinkException.Kind.TRANSPORT_FAILED, -1, null,
                    downReason + "; the link reopens it by itself", null));
        });
        return done;
    }

    /** One attempt to open the transport (worker only); on failure {@link #downReason} says why. */
    private boolean tryOpen() {
        int gen = ++generation;
        try {
            transport.close();
            transport.open(new Port(gen));
            state = State.OPEN;
            return true;
        } catch (IOException | RuntimeException e) {
            downReason = "opening " + transport.describe() + " failed: " + e.getMessage();
            return false;
        }
    }

    /** The open medium failed (worker only): closes it and returns why; then the caller fails its requests and calls {@link #wentDown()}. */
    String lost(Throwable cause) {
        generation++;
        downReason = transport.describe() + " failed: " + cause.getMessage();
        transport.close();
        return downReason;
    }

    /** The medium is down (worker only): one log line and the listeners on the change, then reopen with backoff. */
    void wentDown() {
        if (state != State.FAILED) {
            state = State.FAILED;
            downSince = scheduler.nanos();
            reopenAttempts = 0;
            reopenDelay = backoff.first();
            LOG.warn("{} is down: {}; it is reopened by itself (after {} s, then up to every {} s)", describe.get(),
                    downReason, seconds(backoff.first()), seconds(backoff.max()));
            String reason = downReason;
            listeners.forEach(l -> l.down(reason));
        }
        scheduleReopen();
    }

    private void scheduleReopen() {
        if (reopenTimer == null) {
            reopenTimer = scheduler.schedule(reopenDelay, this::reopen);
        }
    }

    private void reopen() {
        reopenTimer = null;
        if (state != State.FAILED) {
            return; // opened by hand meanwhile, or closed
        }
        reopenAttempts++;
        if (tryOpen()) {
            cameBack();
            return;
        }
        // one log line per change of state (issue 16), not one per attempt
        LOG.debug("{}: attempt {} to reopen: {}", describe.get(), reopenAttempts, downReason);
        reopenDelay = backoff.after(reopenDelay);
        scheduleReopen();
    }

    private void cameBack() {
        Duration down = Duration.ofNanos(scheduler.nanos() - downSince);
        LOG.info("{} is open again after {} s down ({} attempt(s) to reopen)", describe.get(), seconds(down),
                reopenAttempts);
        listeners.forEach(l -> l.up(down));
    }

    private void cancelReopen() {
        if (reopenTimer != null) {
            reopenTimer.cancel();
            reopenTimer = null;
        }
    }

    /** Closes the medium by hand (worker only): no more reopening; the caller fails its requests. */
    void close() {
        generation++;
        cancelReopen();
        state = State.CLOSED;
        downReason = "the link was closed";
        transport.close();
    }

    // ---- transport callbacks: re-posted to the worker

    private final class Port implements WiredTransport.Receiver {
        private final int gen;

        Port(int gen) {
            this.gen = gen;
        }

        @Override
        public void received(byte[] bytes, int offset, int length) {
            long arrival = scheduler.nanos();
            byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
            scheduler.execute(() -> {
                if (gen == generation && state == State.OPEN) {
                    traffic.received(copy, arrival);
                }
            });
        }

        @Override
        public void failed(IOException cause) {
            scheduler.execute(() -> {
                if (gen == generation) {
                    traffic.failed(cause);
                }
            });
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e9);
    }
}
