package org.p2gate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link DecodeBenchmark} with settings for a small machine (one fork, short iterations,
 * {@code -prof gc}), reads JMH's JSON result and prints the table: throughput and bytes allocated
 * per frame of p2gate and jMBus, and the targets (p2gate ≥ 2× jMBus, ≤ 2 KB per frame); then the table of
 * {@link WiredCycleBench} (the wired link against the simulator in virtual time: a 4-device poll cycle and a
 * 0..250 scan against the physical minimum at 2400 baud, target ≤ 1.05×).
 *
 * <pre>
 * java -cp features/bench/target/p2gate-bench.jar org.p2gate.bench.BenchTable [--quick] [--result FILE]
 *      [--from FILE] [--verbose] [--strict] [--wired-only] [--mqtt-only]
 * </pre>
 * <ul>
 * <li>{@code --quick}: fewer, shorter iterations (about 50 s instead of 75 s on 2 cores)</li>
 * <li>{@code --result FILE}: where JMH writes its JSON (default: p2gate-bench-result.json in the temp folder)</li>
 * <li>{@code --from FILE}: run nothing, print the table of an earlier JSON result</li>
 * <li>{@code --verbose}: show JMH's own output while it runs</li>
 * <li>{@code --strict}: exit 1 if a target is missed (otherwise the exit code only says whether it ran)</li>
 * <li>{@code --wired-only}: run no JMH, print only the wired link's table (a second or two)</li>
 * <li>{@code --mqtt-only}: run no JMH, only the MQTT drain to a local Mosquitto ({@link MqttDrainBench}, ~15 s)</li>
 * </ul>
 */
public final class BenchTable {

    /** Target: p2gate decodes at least this many times as many frames per second as jMBus. */
    static final double MIN_RATIO = 2.0;
    /** Target: p2gate allocates at most this many bytes per decoded frame. */
    static final double MAX_BYTES_PER_FRAME = 2048;

    private static final String BENCHMARK = DecodeBenchmark.class.getName();

    private BenchTable() {}

    public static void main(String[] args) throws IOException, RunnerException {
        boolean quick = false;
        boolean verbose = false;
        boolean strict = false;
        boolean wiredOnly = false;
        boolean p3Only = false;
        boolean wirelessOnly = false;
        boolean mqttOnly = false;
        Path result = Path.of(System.getProperty("java.io.tmpdir"), "p2gate-bench-result.json");
        Path from = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--verbose" -> verbose = true;
                case "--strict" -> strict = true;
                case "--wired-only" -> wiredOnly = true;
                case "--p3-only" -> p3Only = true;
                case "--wireless-only" -> wirelessOnly = true;
                case "--mqtt-only" -> mqttOnly = true;
                case "--result" -> result = Path.of(value(args, ++i, "--result"));
                case "--from" -> from = Path.of(value(args, ++i, "--from"));
                case "-h", "--help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    usage(System.err);
                    System.err.println("bench: unknown option '" + args[i] + "'");
                    System.exit(2);
                }
            }
        }
        if (mqttOnly) {
            boolean met = MqttDrainBench.table(System.out);
            if (strict && !met) {
                System.exit(1);
            }
            return;
        }
        if (wirelessOnly) {
            boolean met = wireless();
            if (strict && !met) {
                System.exit(1);
            }
            return;
        }
        if (p3Only) {
            boolean met = p3();
            if (strict && !met) {
                System.exit(1);
            }
            return;
        }
        if (wiredOnly) {
            boolean met = WiredCycleBench.print(WiredCycleBench.runAll(), System.out);
            if (strict && !met) {
                System.exit(1);
            }
            return;
        }
        if (from == null) {
            run(quick, verbose, result);
            from = result;
        }
        List<Row> rows = rows(new ObjectMapper().readTree(from.toFile()));
        if (rows.isEmpty()) {
            System.err.println("bench: " + from + " holds no result of " + BENCHMARK);
            System.exit(1);
        }
        boolean met = print(rows, System.out);
        System.out.println("JMH result: " + from);
        System.out.println();
        met &= WiredCycleBench.print(WiredCycleBench.runAll(), System.out);
        met &= wireless();
        met &= p3();
        if (strict && !met) {
            System.exit(1);
        }
    }

    /** The wireless armed-answer table (40 s in real time); true if its target is met. */
    private static boolean wireless() {
        try {
            return ArmedAnswerBench.table(System.out);
        } catch (Exception e) {
            System.err.println("bench: the wireless benchmark failed: " + e);
            return false;
        }
    }

    /** The P3 table (about 20 s); true if its target is met. */
    private static boolean p3() {
        try {
            return P3Bench.print(P3Bench.runAgainstGateway(P3Bench.DEFAULT_GETS, System.err), System.out);
        } catch (Exception e) {
            System.err.println("bench: the P3 benchmark failed: " + e);
            return false;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("bench: " + option + " needs a file");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage(PrintStream out) {
        out.println("usage: BenchTable [--quick] [--result FILE] [--from FILE] [--verbose] [--strict] [--wired-only] [--wireless-only] [--p3-only] [--mqtt-only]");
        out.println("  --quick          fewer, shorter iterations (about 50 s instead of 75 s)");
        out.println("  --result FILE    where JMH writes its JSON result");
        out.println("  --from FILE      print the table of an earlier JSON result, run nothing");
        out.println("  --verbose        show JMH's own output");
        out.println("  --strict         exit 1 if a target is missed");
        out.println("  --wired-only     no JMH: only the wired link's table (virtual time, a second or two)");
        out.println("  --wireless-only  no JMH: only the wireless armed-answer table (simulated radio, real time, 40 s)");
        out.println("  --p3-only        no JMH: only the P3 table (GET latency with 1 and 16 associations, about 20 s)");
        out.println("  --mqtt-only      no JMH: only the MQTT drain (10 000 readings to a local Mosquitto, msg/s and RSS)");
    }

    /** One fork (2 cores: the measured thread and the JIT/GC), throughput, GC profiler for B/op. */
    static void run(boolean quick, boolean verbose, Path result) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + java.util.regex.Pattern.quote(BENCHMARK) + "\\.")
                .forks(1)
                .threads(1)
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString())
                .shouldFailOnError(true)
                .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (quick) {
            // C2 needs about 2 s to settle on these methods: shorter warm-up measures the interpreter
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        } else {
            options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        int benchmarks = 2 * BenchFrame.values().length;
        System.err.println("bench: " + benchmarks + " benchmarks, one fork each, " + (quick ? "quick" : "full")
                + " settings (about " + benchmarks * (quick ? 6 : 9) + " s) ...");
        new Runner(options.build()).run();
    }

    /** One frame's scores; NaN where a result is missing. */
    record Row(BenchFrame frame, double p2gateOps, double p2gateOpsError, double jmbusOps, double jmbusOpsError,
            double p2gateBytes, double jmbusBytes) {

        double ratio() {
            return p2gateOps / jmbusOps;
        }

        boolean fastEnough() {
            return ratio() >= MIN_RATIO;
        }

        boolean smallEnough() {
            return p2gateBytes <= MAX_BYTES_PER_FRAME;
        }
    }

    /** The rows of a JMH JSON result (an array of benchmark results), in {@link BenchFrame} order. */
    static List<Row> rows(JsonNode results) {
        Map<BenchFrame, double[]> scores = new EnumMap<>(BenchFrame.class);
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText();
            if (!name.startsWith(BENCHMARK + ".")) {
                continue;
            }
            String method = name.substring(BENCHMARK.length() + 1);
            BenchFrame frame;
            try {
                frame = BenchFrame.valueOf(r.path("params").path("frame").asText());
            } catch (IllegalArgumentException e) {
                continue; // a frame this version does not know
            }
            double[] s = scores.computeIfAbsent(frame, f -> new double[] {
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
            int base = switch (method) {
                case "p2gate" -> 0;
                case "jmbus" -> 3;
                default -> -1;
            };
            if (base < 0) {
                continue;
            }
            JsonNode primary = r.path("primaryMetric");
            s[base] = primary.path("score").asDouble(Double.NaN);
            s[base + 1] = primary.path("scoreError").asDouble(Double.NaN);
            s[base + 2] = r.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
        }
        List<Row> rows = new ArrayList<>();
        scores.forEach((frame, s) -> rows.add(new Row(frame, s[0], s[1], s[3], s[4], s[2], s[5])));
        return rows;
    }

    /** Prints the table; returns whether every target was met. */
    static boolean print(List<Row> rows, PrintStream out) {
        int w = "frame".length();
        for (Row r : rows) {
            w = Math.max(w, r.frame().label().length());
        }
        String head = pad("frame", w) + " | " + left("p2gate ops/s", 20) + " | " + left("jMBus ops/s", 20) + " | "
                + left("ratio", 6) + " | " + left("p2gate B/op", 11) + " | " + left("jMBus B/op", 11) + " | "
                + "≥2× jMBus | ≤2 KB/frame";
        out.println(head);
        out.println("-".repeat(head.length()));
        boolean all = true;
        for (Row r : rows) {
            boolean fast = r.fastEnough();
            boolean small = r.smallEnough();
            all &= fast && small;
            out.println(pad(r.frame().label(), w) + " | " + left(ops(r.p2gateOps(), r.p2gateOpsError()), 20) + " | "
                    + left(ops(r.jmbusOps(), r.jmbusOpsError()), 20) + " | "
                    + left(String.format(Locale.ROOT, "%.2f×", r.ratio()), 6) + " | "
                    + left(bytes(r.p2gateBytes()), 11) + " | " + left(bytes(r.jmbusBytes()), 11) + " | "
                    + pad(fast ? "PASS" : "FAIL", 9) + " | " + (small ? "PASS" : "FAIL"));
        }
        out.println();
        for (Row r : rows) {
            out.println("  " + r.frame().label() + ": " + r.frame().jmbusInput());
        }
        out.println("  ops/s: mean ± 99.9% confidence half-width (JMH); B/op: gc.alloc.rate.norm (-prof gc)");
        out.println("targets: full decode (frame, decryption, records) ≥ " + (int) MIN_RATIO
                + "× jMBus throughput, ≤ 2 KB allocated per frame: " + (all ? "PASS" : "FAIL"));
        return all;
    }

    private static String ops(double score, double error) {
        if (Double.isNaN(score)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%,.0f", score);
        return Double.isNaN(error) ? s : s + " ± " + String.format(Locale.ROOT, "%.0f%%", 100 * error / score);
    }

    private static String bytes(double b) {
        return Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%,.0f", b);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String left(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
