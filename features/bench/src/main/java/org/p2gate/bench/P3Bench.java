package org.p2gate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.cosem.mbus.MasterDevice;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndSettings;
import org.p2gate.headend.InvocationCounter;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.installation.Installation;
import org.p2gate.installation.InstallationCandidates;
import org.p2gate.installation.InstallationSettings;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.EventSink;
import org.p2gate.master.MasterSettings;
import org.p2gate.master.P2Master;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.p3.P3Server;
import org.p2gate.p3.P3Settings;
import org.p2gate.p3.ServiceTimes;
import org.p2gate.p3.SystemTitle;
import org.p2gate.simulator.wired.MeterSpec;
import org.p2gate.simulator.wired.SimulatedBusSegment;

/**
 * P3 latency and throughput (issue 6): the P3 server on the master's COSEM objects (four channels with
 * hourly values, read from simulated meters in virtual time) in a JVM of its own started with the
 * gateway's options, and head-end management clients in this JVM over TCP on localhost, each its own HLS 5 association (suite 0, authenticated and encrypted), all sharing one
 * invocation counter as a head-end does. Each client GETs equipment identifiers (0-x:96.1.0.255 attribute
 * 2, from the master's store: one GET request each) as fast as it can. Reported: GET latency p50/p99 and GETs per second with 1 and 16
 * concurrent associations, and the time of an association (the public read of 0-0:43.1.0.255 included
 * for the first client, then AARQ, HLS pass). Target: p99 GET ≤ 5 ms at 16 clients.
 *
 * <pre>
 * java [-Dp2gate.gateway.java.options="..."] -cp features/bench/target/p2gate-bench.jar org.p2gate.bench.P3Bench [--gets N] [--strict] [--in-process]
 * </pre>
 */
public final class P3Bench {

    /** Target (issue 6): p99 GET latency at 16 concurrent management associations. */
    static final double TARGET_P99_MS = 5.0;
    static final int[] CLIENTS = {1, 16};
    /** Measured GETs per client. */
    static final int DEFAULT_GETS = 4000;
    /** The JVM options of the gateway process (./p2gate bench passes those of ./p2gate run). */
    static final String GATEWAY_OPTIONS_PROPERTY = "p2gate.gateway.java.options";
    private static final String SERVE = "--serve";
    private static final String LISTENING = "listening on port ";
    private static final String SNAPSHOT = "snapshot";
    private static final String SERVICE_TIMES = "service-times ";

    private static final AesKey AUTHENTICATION_KEY = AesKey.fromHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    private static final AesKey BLOCK_CIPHER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");

    /** One row: latencies in nanoseconds. */
    record Row(int clients, int gets, long[] getNanos, double seconds, long[] associationNanos, String server,
            ServiceTimes serverTimes) {
        double percentileMs(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
        }

        double getP50() {
            return percentileMs(getNanos, 0.50);
        }

        double getP99() {
            return percentileMs(getNanos, 0.99);
        }

        double perSecond() {
            return gets / seconds;
        }
    }

    private P3Bench() {}

    public static void main(String[] args) throws Exception {
        int gets = DEFAULT_GETS;
        boolean strict = false;
        boolean inProcess = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gets" -> gets = Integer.parseInt(args[++i]);
                case "--strict" -> strict = true;
                case "--in-process" -> inProcess = true;
                case SERVE -> {
                    serve();
                    return;
                }
                default -> {
                    System.err.println("usage: P3Bench [--gets N] [--strict] [--in-process]   (N GETs per client, default "
                            + DEFAULT_GETS + "; --in-process: server and clients in one JVM)");
                    System.exit(2);
                }
            }
        }
        List<Row> rows = inProcess ? run(gets, System.err) : runAgainstGateway(gets, System.err);
        boolean met = print(rows, System.out);
        System.exit(strict && !met ? 1 : 0);
    }

    /**
     * The gateway's side in its own JVM, started with the gateway's JVM options (system property
     * {@value #GATEWAY_OPTIONS_PROPERTY}, which {@code ./p2gate bench} sets from the flags {@code ./p2gate run}
     * uses), the head-end clients in this one: the P3 server measured as it runs on a gateway, not sharing
     * its heap, GC and JIT with sixteen Gurux clients.
     */
    static List<Row> runAgainstGateway(int getsPerClient, PrintStream progress) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String gatewayOptions = System.getProperty(GATEWAY_OPTIONS_PROPERTY, "").trim();
        if (!gatewayOptions.isEmpty()) {
            command.addAll(Arrays.asList(gatewayOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), P3Bench.class.getName(), SERVE));
        progress.printf("P3 bench: the gateway's P3 server in its own JVM (options: %s)%n",
                gatewayOptions.isEmpty() ? "the JVM's defaults" : gatewayOptions);
        Process gateway = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader output = new BufferedReader(
                new InputStreamReader(gateway.getInputStream(), StandardCharsets.US_ASCII));
        PrintStream input = new PrintStream(gateway.getOutputStream(), true, StandardCharsets.US_ASCII);
        try {
            int port = listeningPort(output, gateway);
            return measure(port, "server in its own JVM, " + (gatewayOptions.isEmpty() ? "default options"
                    : "options " + gatewayOptions), getsPerClient, progress, () -> serviceTimes(input, output));
        } finally {
            input.close(); // end of input: the server closes and exits
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    /** The port the gateway process prints once its server listens. */
    private static int listeningPort(BufferedReader output, Process gateway) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(LISTENING)) {
                return Integer.parseInt(line.substring(LISTENING.length()).trim());
            }
        }
        throw new IllegalStateException("the gateway process ended before its P3 server listened (exit "
                + gateway.exitValue() + ")");
    }

    /** Asks the gateway process for its server's service times so far. */
    private static ServiceTimes serviceTimes(PrintStream input, BufferedReader output) {
        input.println(SNAPSHOT);
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(SERVICE_TIMES)) {
                    return new ServiceTimes(Arrays.stream(line.substring(SERVICE_TIMES.length()).split(","))
                            .mapToLong(Long::parseLong).toArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the gateway process ended without its service times");
    }

    /** The gateway process: master and P3 server until standard input ends. */
    private static void serve() throws Exception {
        Path state = Files.createTempDirectory("p2gate-p3-bench");
        try (P3Server server = startServer(state)) {
            System.out.println(LISTENING + server.port());
            System.out.flush();
            BufferedReader commands = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                if (line.equals(SNAPSHOT)) {
                    System.out.println(SERVICE_TIMES + Arrays.stream(server.statistics().serviceTimes().counts())
                            .mapToObj(Long::toString).collect(Collectors.joining(",")));
                    System.out.flush();
                }
            }
        }
    }

    /** Runs each client count with {@code getsPerClient} measured GETs per client (after as many warm-up GETs), server and clients in this JVM. */
    static List<Row> run(int getsPerClient, PrintStream progress) throws Exception {
        Path state = Files.createTempDirectory("p2gate-p3-bench");
        try (P3Server server = startServer(state)) {
            return measure(server.port(), "server in the clients' JVM", getsPerClient, progress,
                    () -> server.statistics().serviceTimes());
        }
    }

    /** The P3 server on a master whose four channels read simulated meters for three virtual hours. */
    private static P3Server startServer(Path state) throws IOException {
        P2Master master = masterWithValues();
        P3Settings settings = P3Settings.of(SystemTitle.fromHex("5032474154453031"), BLOCK_CIPHER_KEY, AUTHENTICATION_KEY,
                state).withPort(0).withMaxAssociations(40);
        // the bench reads only: installation on a clock that stands still never scans
        Installation installation = new Installation(master, new VirtualScheduler(master.now()),
                InstallationSettings.defaults(), InstallationCandidates.NONE);
        return P3Server.start(new MasterDevice(master, installation), settings);
    }

    private static List<Row> measure(int port, String server, int getsPerClient, PrintStream progress,
            Supplier<ServiceTimes> serverTimes) throws Exception {
        List<Row> rows = new ArrayList<>();
        HeadEndSettings management = HeadEndSettings.management("localhost", port, new SecurityKeys(
                HexFormat.of().parseHex("48454144454E4431"), AUTHENTICATION_KEY, BLOCK_CIPHER_KEY))
                .withTimeout(Duration.ofSeconds(30));
        InvocationCounter counter = InvocationCounter.startingAt(
                HeadEndClient.readInvocationCounter(management.asPublicClient()));
        runOnce(management, counter, 1, Math.min(getsPerClient, 500), server, serverTimes); // warm-up: JIT, GCM, Gurux
        for (int clients : CLIENTS) {
            progress.printf("P3 bench: %d client(s) × %d GETs ...%n", clients, getsPerClient);
            rows.add(runOnce(management, counter, clients, getsPerClient, server, serverTimes));
        }
        return rows;
    }

    private static Row runOnce(HeadEndSettings management, InvocationCounter counter, int clients, int gets, String server,
            Supplier<ServiceTimes> serverTimes) throws Exception {
        ServiceTimes before = serverTimes.get();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] associations = new long[clients];
        List<Future<long[]>> results = new ArrayList<>();
        long[] window = new long[2];
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try (HeadEndClient headEnd = HeadEndClient.connect(management, counter)) {
                        associations[client] = System.nanoTime() - t0;
                        connected.countDown();
                        go.await();
                        long[] latencies = new long[gets];
                        for (int g = 0; g < gets; g++) {
                            long start = System.nanoTime();
                            headEnd.equipmentIdentifier(1 + (g + client) % Channel.MAX); // one GET
                            latencies[g] = System.nanoTime() - start;
                        }
                        return latencies;
                    }
                }));
            }
            if (!connected.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the clients did not associate within 120 s");
            }
            window[0] = System.nanoTime();
            go.countDown();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get(10, TimeUnit.MINUTES));
            }
            window[1] = System.nanoTime();
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            Arrays.sort(associations);
            return new Row(clients, merged.length, merged, (window[1] - window[0]) / 1e9, associations, server,
                    serverTimes.get().since(before));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints the table; true if the target is met. */
    static boolean print(List<Row> rows, PrintStream out) {
        out.println();
        out.println("P3 GET latency (0-x:96.1.0.255 attribute 2, HLS 5 suite 0, localhost TCP)");
        if (!rows.isEmpty()) {
            out.println(rows.get(0).server());
        }
        out.printf("%-9s %8s %10s %10s %10s %14s %14s %12s %12s%n", "clients", "GETs", "p50 ms", "p99 ms", "GET/s",
                "assoc p50 ms", "assoc max ms", "server p50", "server p99");
        boolean met = true;
        for (Row row : rows) {
            out.printf("%-9d %8d %10.3f %10.3f %10.0f %14.1f %14.1f %12s %12s%n", row.clients(), row.gets(), row.getP50(),
                    row.getP99(), row.perSecond(), row.percentileMs(row.associationNanos(), 0.5),
                    row.associationNanos()[row.associationNanos().length - 1] / 1e6,
                    "< " + millis(row.serverTimes().percentile(0.5)), "< " + millis(row.serverTimes().percentile(0.99)));
            if (row.clients() == 16) {
                met = row.getP99() <= TARGET_P99_MS;
            }
        }
        out.printf("target: p99 GET <= %.1f ms at 16 clients: %s%n", TARGET_P99_MS, met ? "met" : "MISSED");
        out.println("server p50/p99: the server's own time per answered frame, from its last byte read to the answer"
                + " written (P3Statistics.serviceTimes, quarter-octave buckets: an upper bound)");
        return met;
    }

    private static String millis(Duration d) {
        return String.format("%.3f", d.toNanos() / 1e6);
    }

    /** A master that read four simulated meters for three virtual hours: every channel has a value and history. */
    private static P2Master masterWithValues() {
        VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-11-20T23:30:00Z"));
        InMemoryTransport[] wire = InMemoryTransport.pair(time);
        SimulatedBusSegment bus;
        try {
            bus = SimulatedBusSegment.dsmr(time, wire[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WiredLink link = new WiredLink(wire[0], time, LinkSettings.dsmr());
        link.open();
        P2Master master = new P2Master(link, time, new InMemoryMasterStore(), EventSink.NONE, MasterSettings.defaults());
        String[] kinds = {"gas", "water", "heat", "slave-e"};
        for (int c = 1; c <= Channel.MAX; c++) {
            MeterSpec spec = MeterSpec.parse(kinds[c - 1] + "@" + (4 + c));
            bus.attach(spec.build(time.now().truncatedTo(ChronoUnit.HOURS), 31_000_000 + c,
                    MeterSpec.DEFAULT_KEY));
            master.bind(Channel.of(c), new Binding.Wired(4 + c));
        }
        master.start();
        time.advance(Duration.ofHours(3));
        return master;
    }
}
