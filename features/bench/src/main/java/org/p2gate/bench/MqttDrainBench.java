package org.p2gate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.p2gate.mqtt.broker.BacklogGateway;
import org.p2gate.mqtt.broker.Mosquitto;

/**
 * A backlog of 10,000 hourly values drained to a local Mosquitto by the gateway's MQTT publishing (QoS 1, batches of
 * 100, the cursor persisted after each batch), in its own JVM with the gateway's options ({@link BacklogGateway}):
 * messages per second from the connection to the last PUBACK, and the gateway's resident memory (VmRSS, sampled every
 * 20 ms) while it drains. Twice: Mosquitto's defaults, and {@code set_tcp_nodelay true}.
 *
 * <pre>java [-Dp2gate.gateway.java.options="..."] -cp features/bench/target/p2gate-bench.jar org.p2gate.bench.MqttDrainBench</pre>
 */
public final class MqttDrainBench {

    static final int BACKLOG = 10_000;
    static final int BATCH = 100;
    private static final Pattern DRAINED = Pattern.compile("drained (\\d+) (\\d+)");

    /** One drain: what the broker ran with, the readings, the time, the peak and last RSS in kB. */
    record Row(String broker, long readings, long millis, long peakRssKb, long samples) {
        double perSecond() {
            return readings * 1000.0 / Math.max(1, millis);
        }
    }

    private MqttDrainBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(table(System.out) ? 0 : 1);
    }

    /** Runs and prints the table; false if mosquitto is missing or a drain failed. */
    static boolean table(PrintStream out) {
        if (Mosquitto.executable("mosquitto").isEmpty()) {
            out.println("MQTT drain: mosquitto is not installed (apt-get install mosquitto): not measured");
            return false;
        }
        try {
            List<Row> rows = List.of(run("Mosquitto defaults", ""), run("set_tcp_nodelay true",
                    "set_tcp_nodelay true\n"));
            print(rows, out);
            return true;
        } catch (Exception e) {
            out.println("MQTT drain failed: " + e);
            return false;
        }
    }

    static Row run(String name, String brokerConfig) throws Exception {
        Path folder = Files.createTempDirectory("p2gate-mqtt-bench");
        try (Mosquitto broker = Mosquitto.start(folder, "allow_anonymous true\n" + brokerConfig)) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String options = System.getProperty(P3Bench.GATEWAY_OPTIONS_PROPERTY, "").trim();
            if (!options.isEmpty()) {
                command.addAll(Arrays.asList(options.split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BacklogGateway.class.getName(),
                    broker.uri("tcp"), "bench", folder.resolve("data/mqtt/cursor.properties").toString(),
                    String.valueOf(BACKLOG), String.valueOf(BATCH)));
            Path output = folder.resolve("gateway.log");
            Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            Path status = Path.of("/proc", String.valueOf(gateway.pid()), "status");
            long peak = 0;
            long samples = 0;
            while (gateway.isAlive()) {
                long rss = rssKb(status);
                peak = Math.max(peak, rss);
                samples += rss > 0 ? 1 : 0;
                Thread.sleep(20);
            }
            gateway.waitFor(10, TimeUnit.SECONDS);
            Matcher drained = DRAINED.matcher(Files.readString(output));
            if (!drained.find()) {
                throw new IOException("the gateway did not drain its backlog: " + Files.readString(output));
            }
            return new Row(name, Long.parseLong(drained.group(1)), Long.parseLong(drained.group(2)), peak, samples);
        }
    }

    /** VmRSS of a process in kB, 0 once it is gone. */
    private static long rssKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended between two samples
        }
        return 0;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println();
        out.printf("MQTT drain: a backlog of %,d hourly values to a local Mosquitto (QoS 1, batches of %d, cursor"
                + " fsync'd per batch)%n", BACKLOG, BATCH);
        out.println("gateway in its own JVM, options: " + System.getProperty(P3Bench.GATEWAY_OPTIONS_PROPERTY,
                "the JVM's defaults"));
        out.printf("%-22s %9s %9s %10s %14s%n", "broker", "readings", "ms", "msg/s", "peak RSS MB");
        for (Row row : rows) {
            out.printf("%-22s %9d %9d %10.0f %14.1f%n", row.broker(), row.readings(), row.millis(), row.perSecond(),
                    row.peakRssKb() / 1024.0);
        }
        out.println("msg/s: from the connection to the last PUBACK; RSS: VmRSS every 20 ms from JVM start to exit");
    }
}
