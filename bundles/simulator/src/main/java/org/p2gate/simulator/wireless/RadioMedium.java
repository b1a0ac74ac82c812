package org.p2gate.simulator.wireless;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.WirelessFrameFormat;

/**
 * The air between wireless M-Bus stations, in the time of a {@link Scheduler} (virtual in tests).
 *
 * <ul>
 * <li>Air time (EN 13757-4 mode T): a meter sends 3-out-of-6 coded chips at 100 kchip/s (12 chips per byte) after
 *     a preamble of n ≥ 19 "01" pairs and the 10-chip sync word (P2 4.2.2 §2.2); the other device sends Manchester
 *     coded chips at 32.768 kchip/s (16 chips per byte) after n ≥ 15 pairs and the sync word. Frames are counted in
 *     format A with their CRCs.</li>
 * <li>Each pair of stations has a loss rate and a signal strength (default: no loss, -70 dBm).</li>
 * <li>Collisions: a receiver loses every frame that overlaps another transmission in time, and everything sent
 *     while it transmits itself (half duplex).</li>
 * </ul>
 * Frames are handed over without CRCs (L C M A CI …), as {@link org.p2gate.mbus.wireless.Radio} defines.
 */
public final class RadioMedium {

    /** Which chip coding a station transmits with (EN 13757-4 mode T). */
    public enum Role {
        /** The meter: 3-out-of-6 at 100 kchip/s, preamble 19 × 01 + sync. */
        METER(100_000, 12, 2 * 19 + 10),
        /** The other device (E-meter): Manchester at 32.768 kchip/s, preamble 15 × 01 + sync. */
        OTHER(32_768, 16, 2 * 15 + 10);

        private final long chipsPerSecond;
        private final int chipsPerByte;
        private final int overheadChips;

        Role(long chipsPerSecond, int chipsPerByte, int overheadChips) {
            this.chipsPerSecond = chipsPerSecond;
            this.chipsPerByte = chipsPerByte;
            this.overheadChips = overheadChips;
        }

        /** The air time of a frame of {@code bytesWithCrcs}, rounded up to the nanosecond. */
        public Duration airTime(int bytesWithCrcs) {
            long chips = (long) bytesWithCrcs * chipsPerByte + overheadChips;
            return Duration.ofNanos((chips * 1_000_000_000L + chipsPerSecond - 1) / chipsPerSecond);
        }
    }

    /** What a station hears. */
    @FunctionalInterface
    public interface Listener {
        /** A frame (without CRCs) that reached this station intact, on air from {@code start} to {@code end}. */
        void heard(byte[] frame, int rssiDbm, Instant start, Instant end);
    }

    /** One frame on the air. */
    public record Transmission(Station sender, byte[] frame, Instant start, Instant end) {
    }

    private record PairKey(Station a, Station b) {
        static PairKey of(Station x, Station y) {
            return System.identityHashCode(x) <= System.identityHashCode(y) ? new PairKey(x, y) : new PairKey(y, x);
        }
    }

    private record Quality(double loss, int rssiDbm) {
    }

    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final List<Station> stations = new ArrayList<>();
    private final Map<PairKey, Quality> qualities = new HashMap<>();
    private final List<Transmission> recent = new ArrayList<>();
    private final List<Transmission> log = new ArrayList<>();
    private final List<Predicate<Transmission>> drops = new ArrayList<>();
    private double defaultLoss;
    private int defaultRssi = -70;
    private long delivered;
    private long lost;
    private long collided;

    /** @param seed the seed of the loss draws: the same seed gives the same run */
    public RadioMedium(Scheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.random = new SplittableRandom(seed);
    }

    /** A station on this medium. */
    public final class Station {
        private final String name;
        private final Role role;
        private Listener listener;

        private Station(String name, Role role, Listener listener) {
            this.name = name;
            this.role = role;
            this.listener = listener;
        }

        /**
         * Sends {@code frame} (without CRCs) starting at {@code notBefore} or now, whichever is later; completes when
         * its last chip has left.
         */
        public CompletableFuture<Transmission> transmit(byte[] frame, Instant notBefore) {
            CompletableFuture<Transmission> done = new CompletableFuture<>();
            byte[] copy = frame.clone();
            Duration wait = Duration.between(scheduler.now(), notBefore);
            scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> {
                Instant now = scheduler.now();
                start(this, copy, now.isBefore(notBefore) ? notBefore : now, done);
            });
            return done;
        }

        /**
         * Sends {@code frame} starting exactly at {@code start} on the medium's clock, as a radio's firmware does with a
         * timer of its own: in real time the worker may run the task a little late, the frame's air time does not move.
         */
        public CompletableFuture<Transmission> transmitAt(byte[] frame, Instant start) {
            CompletableFuture<Transmission> done = new CompletableFuture<>();
            byte[] copy = frame.clone();
            Duration wait = Duration.between(scheduler.now(), start);
            scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> start(this, copy, start, done));
            return done;
        }

        public void listen(Listener newListener) {
            this.listener = newListener;
        }

        public String name() {
            return name;
        }

        public Role role() {
            return role;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The medium's clock. */
    public Instant now() {
        return scheduler.now();
    }

    /** The medium's scheduler (what a radio's firmware model runs its timers on). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Attaches a station that hears through {@code listener}. */
    public synchronized Station attach(String name, Role role, Listener listener) {
        Station s = new Station(name, role, listener);
        stations.add(s);
        return s;
    }

    /** Loss rate (0..1) and signal strength between {@code a} and {@code b}, both ways. */
    public synchronized void link(Station a, Station b, double loss, int rssiDbm) {
        checkLoss(loss);
        qualities.put(PairKey.of(a, b), new Quality(loss, rssiDbm));
    }

    /** Loss rate for every pair without its own {@link #link}. */
    public synchronized void defaultLoss(double loss) {
        checkLoss(loss);
        this.defaultLoss = loss;
    }

    /** Drops the next transmission that {@code which} matches, for every receiver (a scripted fault). */
    public synchronized void dropNext(Predicate<Transmission> which) {
        drops.add(which);
    }

    /** Every transmission so far, in start order. */
    public synchronized List<Transmission> transmissions() {
        return List.copyOf(log);
    }

    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long lost() {
        return lost;
    }

    public synchronized long collided() {
        return collided;
    }

    private synchronized void start(Station sender, byte[] frame, Instant start, CompletableFuture<Transmission> done) {
        Transmission t = new Transmission(sender, frame, start, start.plus(sender.role.airTime(lengthWithCrcs(frame))));
        recent.add(t);
        log.add(t);
        boolean dropped = false;
        for (Iterator<Predicate<Transmission>> it = drops.iterator(); it.hasNext();) {
            if (it.next().test(t)) {
                it.remove();
                dropped = true;
                break;
            }
        }
        boolean scriptedDrop = dropped;
        Duration untilEnd = Duration.between(scheduler.now(), t.end());
        scheduler.schedule(untilEnd.isNegative() ? Duration.ZERO : untilEnd, () -> {
            end(t, scriptedDrop);
            done.complete(t);
        });
    }

    private void end(Transmission t, boolean scriptedDrop) {
        List<Delivery> deliveries = new ArrayList<>();
        synchronized (this) {
            for (Station receiver : stations) {
                if (receiver == t.sender) {
                    continue;
                }
                Quality q = qualities.getOrDefault(PairKey.of(t.sender, receiver), new Quality(defaultLoss, defaultRssi));
                if (scriptedDrop || random.nextDouble() < q.loss) {
                    lost++;
                } else if (overlaps(t, receiver)) {
                    collided++;
                } else {
                    delivered++;
                    deliveries.add(new Delivery(receiver.listener, q.rssiDbm));
                }
            }
            Instant horizon = t.end().minusSeconds(2);
            recent.removeIf(r -> r.end().isBefore(horizon));
        }
        for (Delivery d : deliveries) {
            d.listener.heard(t.frame.clone(), d.rssi, t.start(), t.end());
        }
    }

    private record Delivery(Listener listener, int rssi) {
    }

    /** Another transmission on the air during {@code t} (any sender; the receiver's own one means it could not listen). */
    private boolean overlaps(Transmission t, Station receiver) {
        for (Transmission other : recent) {
            if (other != t && other.start().isBefore(t.end()) && t.start().isBefore(other.end())) {
                return true;
            }
        }
        return false;
    }

    private static int lengthWithCrcs(byte[] frame) {
        try {
            return WirelessFrameFormat.A.frameLength(frame[0] & 0xFF);
        } catch (DecodeException e) {
            return frame.length;
        }
    }

    private static void checkLoss(double loss) {
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("a loss rate is 0..1, got " + loss);
        }
    }
}
