package org.p2gate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.FoundDevice;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.ScanListener;
import org.p2gate.mbus.wired.ScanResult;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.simulator.wired.DsmrGasMeter;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;
import org.p2gate.simulator.wired.SimulatedBusSegment;
import org.p2gate.simulator.wired.WireTiming;

/**
 * The wired link's bench in virtual time: {@link WiredLink} against simulated DSMR meters on a
 * {@link SimulatedBusSegment} at 2400 baud, one {@link VirtualScheduler} for both. What it measures is the
 * virtual time the link takes (deterministic: no JMH, no warm-up, the same numbers on every machine),
 * against the physical minimum of the same traffic computed here from first principles ({@link Minimum}).
 *
 * <p>Scenarios:
 * <ol>
 * <li>a poll cycle: REQ_UD2 to four DSMR meters (gas, water, heat, slave E) at scattered addresses, queued at
 *     once, each answering as early as EN 13757-2 allows;</li>
 * <li>a scan of 0..250 (SND_NKE to every address, REQ_UD2 where E5h came back) with meters at 0 and three
 *     scattered addresses, one of them answering at the latest moment the simulator allows (its first
 *     byte complete 330 bit times + 50 ms after the request's end);</li>
 * <li>the same scan with that meter answering later still, at the standard's latest <em>start</em> (first
 *     byte complete 341 bit times + 50 ms after the request's end): the last moment the link accepts.</li>
 * </ol>
 * Every scenario must find every device, and take at most {@link #MAX_RATIO} × the minimum.
 *
 * <pre>
 * java -cp features/bench/target/p2gate-bench.jar org.p2gate.bench.WiredCycleBench [--strict]
 * </pre>
 */
public final class WiredCycleBench {

    /** Target (issue 4): at most this many times the physical minimum. */
    static final double MAX_RATIO = 1.05;

    // ---- first principles, independent of LinkSettings and WireTiming (which are what is measured)
    /** P2 4.2.2 §2.1, §3.1.4: 2400 baud. */
    static final int BAUD = 2400;
    /** P2 4.2.2 §3.1.4 Table 3: 8E1, 1 start + 8 data + 1 parity + 1 stop bit. */
    static final int BITS_PER_CHARACTER = 11;
    /** EN 13757-2 (FT1.2): a short frame, 10h C A CS 16h (SND_NKE, REQ_UD2). */
    static final int SHORT_FRAME_BYTES = 5;
    /** EN 13757-2: the single character E5h (acknowledgement). */
    static final int SINGLE_CHARACTER_BYTES = 1;
    /** EN 13757-2: a slave starts its answer at the earliest 11 bit times after the request's last bit. */
    static final int EARLIEST_START_BITS = 11;
    /** EN 13757-2: a slave starts its answer at the latest 330 bit times + 50 ms after the request's last bit. */
    static final int LATEST_START_BITS = 330;
    static final long LATEST_START_EXTRA_NANOS = 50_000_000L;

    private static final Instant START = Instant.parse("2026-11-21T10:30:00Z");
    private static final Duration RUN_LIMIT = Duration.ofHours(1);

    private WiredCycleBench() {}

    /**
     * The physical minimum of a sequence of exchanges at {@link #BAUD}, as bit times plus fixed waits.
     * Counted: every byte of every request and every answer at 11 bit times; for an answered request the
     * slave's earliest start, 11 bit times after the request's last bit; for an unanswered request the whole
     * window the master must wait before it may conclude that nothing comes: 330 bit times + 50 ms (the latest
     * start) + 11 bit times (the first character of an answer starting then, complete only after its stop bit).
     * Not counted (zero): the master's own turnaround between an answer's last bit and its next request, and
     * any time inside a device.
     *
     * @param bits          bit times on the wire and in the waits above
     * @param silentWindows unanswered requests (each adds the 50 ms of the latest start)
     * @param frames        frames on the wire (requests and answers)
     */
    record Minimum(long bits, int silentWindows, int frames) {

        static final Minimum ZERO = new Minimum(0, 0, 0);

        /** A request of {@code requestBytes} answered with {@code answerBytes}, the answer starting at the earliest. */
        Minimum answered(int requestBytes, int answerBytes) {
            return new Minimum(bits + (long) (requestBytes + answerBytes) * BITS_PER_CHARACTER + EARLIEST_START_BITS,
                    silentWindows, frames + 2);
        }

        /** A request of {@code requestBytes} nothing answers: the master waits out the whole window. */
        Minimum unanswered(int requestBytes) {
            return new Minimum(bits + (long) requestBytes * BITS_PER_CHARACTER + LATEST_START_BITS + BITS_PER_CHARACTER,
                    silentWindows + 1, frames + 1);
        }

        /** The minimum in nanoseconds, exact (not rounded). */
        double nanos() {
            return bits * 1e9 / BAUD + silentWindows * (double) LATEST_START_EXTRA_NANOS;
        }
    }

    /**
     * One scenario's outcome.
     *
     * @param name         what ran
     * @param elapsedNanos virtual time from handing the first request to the link to the completion of the last
     * @param minimum      the physical minimum of the same exchanges
     * @param expected     the addresses of the devices on the segment
     * @param found        the addresses the link read an answer from
     * @param attempts     requests the link put on the wire (repetitions included)
     */
    record Scenario(String name, long elapsedNanos, Minimum minimum, List<Integer> expected, List<Integer> found,
            long attempts) {

        Scenario {
            expected = List.copyOf(expected);
            found = List.copyOf(found);
        }

        double ratio() {
            return elapsedNanos / minimum.nanos();
        }

        boolean noDeviceMissed() {
            return found.equals(expected);
        }

        boolean met() {
            return noDeviceMissed() && ratio() <= MAX_RATIO;
        }
    }

    public static void main(String[] args) {
        boolean strict = false;
        for (String a : args) {
            switch (a) {
                case "--strict" -> strict = true;
                case "-h", "--help" -> {
                    System.out.println("usage: WiredCycleBench [--strict]   (--strict: exit 1 if a target is missed)");
                    return;
                }
                default -> {
                    System.err.println("wired bench: unknown option '" + a + "'");
                    System.exit(2);
                }
            }
        }
        boolean met = print(runAll(), System.out);
        if (strict && !met) {
            System.exit(1);
        }
    }

    /** Every scenario, in table order. */
    static List<Scenario> runAll() {
        return List.of(pollCycle(), scan());
    }

    // ---- the devices

    /**
     * EN 13757-2 earliest start in the simulator's terms: its response delay runs from the end of the
     * request to the answer's start bit and is 11 bit times + the latency, so no latency at all.
     */
    static Duration earliestLatency() {
        return Duration.ZERO;
    }

    /** The largest latency the simulator allows: the answer starts 330 bit times + 50 ms after the request. */
    static Duration latestLatency() {
        return WireTiming.DSMR.maxResponseDelay().minus(WireTiming.DSMR.minResponseDelay());
    }

    private static ShortId id(long identification, DeviceType type) {
        return ShortId.of(identification, ManufacturerCode.of("NET"), DsmrGasMeter.DSMR_VERSION, type);
    }

    static DsmrMeter gas(int address) {
        return DsmrGasMeter.builder(id(31000001, DeviceType.GAS), Register.linear(START, 1_000, 250))
                .primaryAddress(address).seed(1).build(); // seeded: the same run every time
    }

    static DsmrMeter water(int address) {
        return DsmrMeter.builder(MeterProfile.water(Register.linear(START, 52_000, 40)), id(31000002, DeviceType.WATER))
                .primaryAddress(address).seed(2).build();
    }

    static DsmrMeter heat(int address) {
        MeterProfile heat = MeterProfile.heat(Register.linear(START, 1_200, 3), Register.constant(40),
                Register.linear(START, 350_000, 90));
        return DsmrMeter.builder(heat, id(31000003, DeviceType.HEAT_COOLING)).primaryAddress(address).seed(3).build();
    }

    static DsmrMeter slaveElectricity(int address) {
        return DsmrMeter.builder(MeterProfile.slaveElectricity(Register.linear(START, 7_500_000, 600)),
                id(31000004, DeviceType.ELECTRICITY)).primaryAddress(address).seed(4).build();
    }

    /** One link and one segment in one virtual time. */
    private record Bench(VirtualScheduler time, SimulatedBusSegment bus, WiredLink link) {

        static Bench open() {
            VirtualScheduler time = new VirtualScheduler(START);
            InMemoryTransport[] wire = InMemoryTransport.pair(time);
            try {
                SimulatedBusSegment bus = SimulatedBusSegment.dsmr(time, wire[1]);
                WiredLink link = new WiredLink(wire[0], time, LinkSettings.dsmr());
                CompletableFuture<Void> opened = link.open();
                time.runUntilIdle(RUN_LIMIT);
                opened.join();
                return new Bench(time, bus, link);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Runs until {@code done} completes; returns the virtual nanoseconds from now to its completion. */
        long elapsed(CompletableFuture<?> done, long since) {
            long[] end = {-1};
            // completes on the scheduler's thread, at the virtual moment the last answer byte was taken
            done.whenComplete((r, e) -> end[0] = time.nanos());
            time.runUntilIdle(RUN_LIMIT);
            if (end[0] < 0) {
                throw new IllegalStateException("the link did not finish within " + RUN_LIMIT + " of virtual time");
            }
            return end[0] - since;
        }
    }

    // ---- the scenarios

    /** REQ_UD2 to gas, water, heat and slave E meters at scattered addresses, queued at once. */
    static Scenario pollCycle() {
        Bench b = Bench.open();
        List<Integer> addresses = List.of(3, 47, 118, 209);
        b.bus().attach(gas(addresses.get(0)), earliestLatency());
        b.bus().attach(water(addresses.get(1)), earliestLatency());
        b.bus().attach(heat(addresses.get(2)), earliestLatency());
        b.bus().attach(slaveElectricity(addresses.get(3)), earliestLatency());

        long t0 = b.time().nanos();
        List<CompletableFuture<LongFrame>> reads = new ArrayList<>();
        for (int a : addresses) {
            reads.add(b.link().reqUd2(a));
        }
        long elapsed = b.elapsed(CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null), t0);

        Minimum min = Minimum.ZERO;
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            LongFrame answer = reads.get(i).isCompletedExceptionally() ? null : reads.get(i).join();
            if (answer != null && answer.address() == addresses.get(i)) {
                found.add(answer.address());
                min = min.answered(SHORT_FRAME_BYTES, answer.encodedLength());
            } else {
                min = min.unanswered(SHORT_FRAME_BYTES); // missed: what the master waited at the least
            }
        }
        return new Scenario("poll cycle: REQ_UD2 × 4 (gas, water, heat, slave E)", elapsed, min, addresses, found,
                b.link().statistics().attempts());
    }

    /**
     * Scan 0..250 with meters at 0, 23, 142 (late) and 250; the late meter's answers start at exactly
     * 330 bit times + 50 ms after each request: the standard's latest start.
     */
    static Scenario scan() {
        Bench b = Bench.open();
        List<Integer> addresses = List.of(0, 23, 142, 250);
        b.bus().attach(gas(0), earliestLatency());
        b.bus().attach(water(23), earliestLatency());
        DsmrMeter late = heat(142);
        b.bus().attach(late, latestLatency());
        b.bus().attach(slaveElectricity(250), earliestLatency());

        long t0 = b.time().nanos();
        CompletableFuture<ScanResult> scan = b.link().scan(0, WiredLink.MAX_ADDRESS, ScanListener.NONE);
        long elapsed = b.elapsed(scan, t0);
        ScanResult result = scan.join();

        Minimum min = Minimum.ZERO;
        List<Integer> found = new ArrayList<>();
        int next = 0;
        List<FoundDevice> devices = result.found();
        for (int a = 0; a <= WiredLink.MAX_ADDRESS; a++) {
            if (next < devices.size() && devices.get(next).address() == a) {
                // SND_NKE → E5h, then REQ_UD2 → RSP_UD
                min = min.answered(SHORT_FRAME_BYTES, SINGLE_CHARACTER_BYTES)
                        .answered(SHORT_FRAME_BYTES, devices.get(next).response().encodedLength());
                found.add(a);
                next++;
            } else {
                min = min.unanswered(SHORT_FRAME_BYTES); // SND_NKE into silence
            }
        }
        if (!result.unreadable().isEmpty()) {
            found.add(-1); // something answered but could not be read: not a clean scan
        }
        return new Scenario("scan 0..250: 0, 23, 142 (late), 250; 142 starts at 330 bt + 50 ms", elapsed, min, addresses, found,
                b.link().statistics().attempts());
    }

    // ---- the table

    /** Prints the table; returns whether every scenario met its targets. */
    static boolean print(List<Scenario> scenarios, PrintStream out) {
        int w = "wired link (virtual time, 2400 Bd)".length();
        for (Scenario s : scenarios) {
            w = Math.max(w, s.name().length());
        }
        String head = pad("wired link (virtual time, 2400 Bd)", w) + " | " + left("attempts", 8) + " | "
                + left("elapsed", 13) + " | " + left("physical min", 13) + " | " + left("excess", 14) + " | "
                + left("ratio", 7) + " | "
                + left("found", 9) + " | ≤1.05× min | no device missed";
        out.println(head);
        out.println("-".repeat(head.length()));
        boolean all = true;
        for (Scenario s : scenarios) {
            boolean fast = s.ratio() <= MAX_RATIO;
            boolean complete = s.noDeviceMissed();
            all &= fast && complete;
            out.println(pad(s.name(), w) + " | " + left(Long.toString(s.attempts()), 8) + " | "
                    + left(millis(s.elapsedNanos()), 13) + " | " + left(millis(s.minimum().nanos()), 13) + " | "
                    + left(String.format(Locale.ROOT, "%+,.6f ms", (s.elapsedNanos() - s.minimum().nanos()) / 1e6), 14) + " | "
                    + left(String.format(Locale.ROOT, "%.4f×", s.ratio()), 7) + " | "
                    + left(s.found().size() + " of " + s.expected().size(), 9) + " | "
                    + pad(fast ? "PASS" : "FAIL", 10) + " | " + (complete ? "PASS" : "FAIL " + s.found()));
        }
        out.println();
        out.println("  elapsed: virtual time from the first request handed to the link to the last one completed");
        out.println("  physical min: every request and answer byte at 11 bit times (8E1); + 11 bit times before each");
        out.println("    answer (EN 13757-2 earliest start); for each address that does not answer, the whole window:");
        out.println("    330 bit times + 50 ms (latest start) + 11 bit times (that answer's first byte); master turnaround 0");
        out.println("  devices answer at the earliest start except 142, which answers late (both its E5h and its RSP_UD):");
        out.println("    its own waits beyond the earliest start are in the excess (the minimum assumes every answer at the earliest)");
        out.println("targets: ≤ " + MAX_RATIO + "× the physical minimum, no device missed: " + (all ? "PASS" : "FAIL"));
        return all;
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%,.3f ms", nanos / 1e6);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String left(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
