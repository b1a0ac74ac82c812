package org.p2gate.simulator.wired;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WiredStreamParser;
import org.p2gate.mbus.wired.WiredTransport;

/**
 * A wired M-Bus segment with its devices, attached to the bus end of a transport (e.g.
 * {@code InMemoryTransport.pair(scheduler)[1]}), with the wire's timing in the scheduler's (virtual)
 * time.
 *
 * <p>The timing model, at the configured baud (P2 4.2.2 §3.1.4: 2400 Bd 8E1, 11 bits a byte):
 * <ul>
 * <li>Request: bytes the master hands to the transport travel back to back; the last byte of a
 *     chunk is on the bus {@code n × 11} bit times after the chunk started (or after the previous
 *     chunk ended, if the wire was still busy). The devices see a frame when its last byte has
 *     arrived.</li>
 * <li>Answer: the <em>response delay</em> is measured, as EN 13757-2 bounds it, from the end of the
 *     request to the start bit of the first answer byte. It is 11 bit times + the device's latency
 *     (the minimum wait), and never beyond 330 bit times + 50 ms (the maximum) unless a
 *     {@link Fault.LateAnswer} is injected. The master receives the first byte one byte time later
 *     (after its stop bit), and byte {@code i} {@code i × 11} bit times after that, each as a
 *     separate scheduled delivery.</li>
 * <li>Collisions: when several devices answer the same request (they share an address), their
 *     streams are combined bit by bit as the bus does (see {@link CollisionLine}: a space from any
 *     device wins).</li>
 * </ul>
 * Not modelled: the master sending while devices answer, echo of the master's own bytes, parity
 * errors as such (only their effect on the bytes).
 *
 * <p>All work runs in tasks of the scheduler; the public methods may be called from any thread.
 */
public final class SimulatedBusSegment implements AutoCloseable {

    /** The default latency a device adds to the 11 bit times minimum: 1 ms. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(1);

    private final Scheduler scheduler;
    private final PriorityQueue<Timed> timeline = new PriorityQueue<>();
    private long sequence;
    private final WiredTransport busEnd;
    private final WireTiming timing;
    private final WiredStreamParser parser;
    private final List<Attached> devices = new ArrayList<>();
    private final List<FaultRule> faults = new ArrayList<>();
    private Duration defaultLatency = DEFAULT_LATENCY;
    /** When the request direction is free again (scheduler nanos). */
    private long wireFreeAt = Long.MIN_VALUE;
    /** Start of the current busy period of the request direction, and the bytes sent in it. */
    private long busySince;
    private long busyBytes;
    private long requestsHeard;
    /** When the last answer byte reached the master (after its stop bit), scheduler nanos; MIN_VALUE: none since the last request. */
    private long lastAnswerByteAt = Long.MIN_VALUE;
    /** The shortest line idle seen between the last byte of an answer and the next request's first byte. */
    private long shortestIdle = Long.MAX_VALUE;
    private long invalidRequests;
    private long answers;
    private long collisions;
    private long faultsApplied;

    private static final class Attached {
        final SimulatedWiredDevice device;
        Duration latency;

        Attached(SimulatedWiredDevice device, Duration latency) {
            this.device = device;
            this.latency = latency;
        }
    }

    private static final class FaultRule {
        final SimulatedWiredDevice device; // null: every device of the segment
        final Fault fault;
        int remaining;

        FaultRule(SimulatedWiredDevice device, Fault fault, int remaining) {
            this.device = device;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** A segment at {@code timing}'s baud on {@code busEnd}, which it opens now. */
    public SimulatedBusSegment(Scheduler scheduler, WiredTransport busEnd, WireTiming timing) throws IOException {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.busEnd = Objects.requireNonNull(busEnd, "busEnd");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.parser = new WiredStreamParser(new WiredStreamParser.Listener() {
            @Override
            public void frame(WiredFrame frame) {
                heard(frame);
            }

            @Override
            public void noise(int count) {
                invalidRequests++;
            }

            @Override
            public void invalid(DecodeException error) {
                invalidRequests++;
            }
        });
        busEnd.open(new WiredTransport.Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {
                fromMaster(Arrays.copyOfRange(bytes, offset, offset + length));
            }

            @Override
            public void failed(IOException cause) {
                // the master end went away: nothing to do for the devices
            }
        });
    }

    /** A DSMR segment: 2400 Bd (P2 4.2.2 §3.1.4). */
    public static SimulatedBusSegment dsmr(Scheduler scheduler, WiredTransport busEnd) throws IOException {
        return new SimulatedBusSegment(scheduler, busEnd, WireTiming.DSMR);
    }

    public WireTiming timing() {
        return timing;
    }

    /** Connects {@code device} with the segment's default latency. */
    public synchronized void attach(SimulatedWiredDevice device) {
        attach(device, defaultLatency);
    }

    /** Connects {@code device}; it answers 11 bit times + {@code latency} after a request (see the class comment). */
    public synchronized void attach(SimulatedWiredDevice device, Duration latency) {
        Objects.requireNonNull(device, "device");
        checkLatency(latency);
        for (Attached a : devices) {
            if (a.device == device) {
                throw new IllegalArgumentException(device.describe() + " is attached already");
            }
        }
        devices.add(new Attached(device, latency));
    }

    /** Disconnects {@code device} (and drops its faults); false if it was not attached. */
    public synchronized boolean detach(SimulatedWiredDevice device) {
        faults.removeIf(r -> r.device == device);
        return devices.removeIf(a -> a.device == device);
    }

    /** Changes the latency of an attached device. */
    public synchronized void setLatency(SimulatedWiredDevice device, Duration latency) {
        checkLatency(latency);
        find(device).latency = latency;
    }

    /** The latency of devices attached from now on without one. */
    public synchronized void setDefaultLatency(Duration latency) {
        checkLatency(latency);
        defaultLatency = latency;
    }

    /** The response delay of {@code device}: 11 bit times + its latency. */
    public synchronized Duration responseDelay(SimulatedWiredDevice device) {
        return timing.minResponseDelay().plus(find(device).latency);
    }

    /** Injects {@code fault} into the next {@code times} answers of {@code device}. */
    public synchronized void injectFault(SimulatedWiredDevice device, Fault fault, int times) {
        find(device);
        addFault(device, fault, times);
    }

    /** Injects {@code fault} into the next {@code times} answers of any device on the segment. */
    public synchronized void injectFault(Fault fault, int times) {
        addFault(null, fault, times);
    }

    /** Removes every injected fault. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Complete frames the devices heard. */
    public synchronized long requestsHeard() {
        return requestsHeard;
    }

    /**
     * The shortest line idle the master left between the last character of an answer and its next request (IEC
     * 60870-5-1 FT1.2, the frames of EN 13757-2: at least 33 bit times between frames); empty before a request
     * followed an answer.
     */
    public synchronized Optional<Duration> shortestIdleBeforeRequest() {
        return shortestIdle == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(shortestIdle));
    }

    /** Noise runs and invalid frames from the master. */
    public synchronized long invalidRequests() {
        return invalidRequests;
    }

    /** Answers sent (one per device that answered; a collision counts each). */
    public synchronized long answers() {
        return answers;
    }

    /** Requests that more than one device answered. */
    public synchronized long collisions() {
        return collisions;
    }

    /** Faults applied so far. */
    public synchronized long faultsApplied() {
        return faultsApplied;
    }

    @Override
    public void close() {
        busEnd.close();
    }

    // --- the wire ---

    private synchronized void fromMaster(byte[] chunk) {
        long now = scheduler.nanos();
        if (now >= wireFreeAt) {
            busySince = now; // the wire was idle: this chunk starts now
            busyBytes = 0;
            if (lastAnswerByteAt != Long.MIN_VALUE) {
                shortestIdle = Math.min(shortestIdle, now - lastAnswerByteAt);
                lastAnswerByteAt = Long.MIN_VALUE;
            }
        }
        // back to back with what is still on the wire, counted in bits from the start of the busy period (no drift)
        busyBytes += chunk.length;
        long end = busySince + timing.bytesToNanos(busyBytes);
        wireFreeAt = end;
        at(end, () -> feed(chunk));
    }

    private synchronized void feed(byte[] chunk) {
        parser.feed(chunk, 0, chunk.length);
    }

    /** A frame is complete on the bus: every device hears it now. */
    private void heard(WiredFrame frame) {
        requestsHeard++;
        long end = scheduler.nanos();
        List<CollisionLine.Stream> streams = new ArrayList<>();
        for (Attached a : List.copyOf(devices)) {
            if (a.device.baud() != timing.baud()) {
                continue; // its UART runs at another rate: it hears no frame
            }
            Optional<byte[]> answer = a.device.answer(frame, scheduler.now());
            if (answer.isEmpty() || answer.get().length == 0) {
                continue;
            }
            answers++;
            byte[] bytes = answer.get().clone();
            long delay = timing.minResponseDelay().plus(a.latency).toNanos();
            boolean lost = false;
            for (FaultRule rule : matching(a.device)) {
                faultsApplied++;
                Fault f = rule.fault;
                if (f instanceof Fault.NoAnswer) {
                    lost = true;
                } else if (f instanceof Fault.LateAnswer late) {
                    delay = timing.maxResponseDelay().plus(late.beyond()).toNanos();
                } else if (f instanceof Fault.BitFlip flip) {
                    int index = Math.min(flip.byteIndex(), bytes.length - 1);
                    bytes[index] ^= (byte) flip.mask();
                } else if (f instanceof Fault.Truncated cut) {
                    bytes = Arrays.copyOf(bytes, Math.min(cut.keptBytes(), bytes.length - 1));
                }
            }
            if (!lost && bytes.length > 0) {
                // EN 13757-2: the delay bounds the start bit; the master has the byte one byte time later
                streams.add(new CollisionLine.Stream(bytes, end + delay));
            }
        }
        if (streams.size() == 1) {
            CollisionLine.Stream only = streams.get(0);
            byte[] bytes = only.bytes();
            for (int i = 0; i < bytes.length; i++) {
                byte b = bytes[i];
                // byte i is complete after i + 1 byte times, computed from the bit count (no drift)
                at(only.startNanos() + timing.bytesToNanos(i + 1), () -> toMaster(b));
            }
        } else if (streams.size() > 1) {
            collisions++;
            for (CollisionLine.Received r : CollisionLine.receive(streams, timing)) {
                byte b = (byte) r.value();
                at(r.atNanos(), () -> toMaster(b));
            }
        }
    }

    /** The faults that apply to one answer of {@code device}, consumed. */
    private List<FaultRule> matching(SimulatedWiredDevice device) {
        List<FaultRule> out = new ArrayList<>();
        for (Iterator<FaultRule> it = faults.iterator(); it.hasNext();) {
            FaultRule rule = it.next();
            if (rule.device == null || rule.device == device) {
                out.add(rule);
                if (--rule.remaining <= 0) {
                    it.remove();
                }
            }
        }
        return out;
    }

    private void toMaster(byte b) {
        synchronized (this) {
            lastAnswerByteAt = scheduler.nanos();
        }
        try {
            busEnd.send(new byte[] {b});
        } catch (IOException e) {
            // the bus end was closed: the byte is lost, as on a cut wire
        }
    }

    /**
     * Runs {@code task} at {@code nanos} on the wire's one timeline. A real-time scheduler turns the absolute time into
     * a delay from its own later reading of the clock; a worker thread descheduled between the two readings (a busy
     * start on two cores) would make one byte's task due after the next byte's and swap two bytes on the wire, which
     * the FT1.2 checksum (a sum) does not see. So every task drains the timeline in (time, order) up to now: the
     * bytes leave in order whichever task runs first.
     */
    private synchronized void at(long nanos, Runnable task) {
        timeline.add(new Timed(nanos, sequence++, task));
        scheduler.schedule(Duration.ofNanos(Math.max(0, nanos - scheduler.nanos())), this::runDue);
    }

    private synchronized void runDue() {
        long now = scheduler.nanos();
        while (!timeline.isEmpty() && timeline.peek().nanos() <= now) {
            timeline.poll().task().run();
        }
    }

    /** A task of the wire's timeline. */
    private record Timed(long nanos, long sequence, Runnable task) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed other) {
            int byTime = Long.compare(nanos, other.nanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private Attached find(SimulatedWiredDevice device) {
        for (Attached a : devices) {
            if (a.device == device) {
                return a;
            }
        }
        throw new IllegalArgumentException(device.describe() + " is not attached to this segment");
    }

    private void addFault(SimulatedWiredDevice device, Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("a fault applies at least once");
        }
        faults.add(new FaultRule(device, fault, times));
    }

    private void checkLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("a latency is not negative");
        }
        // EN 13757-2: never beyond 330 bit times + 50 ms (late answers only as an injected fault)
        if (timing.minResponseDelay().plus(latency).compareTo(timing.maxResponseDelay()) > 0) {
            throw new IllegalArgumentException("11 bit times + " + latency.toMillis() + " ms is beyond the "
                    + timing.maxResponseDelay().toMillis() + " ms EN 13757-2 allows; inject a LateAnswer fault instead");
        }
    }
}
