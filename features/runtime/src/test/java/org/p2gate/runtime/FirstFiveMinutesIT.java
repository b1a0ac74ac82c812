package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;

/**
 * The README's "first five minutes", as a new user runs them: {@code ./p2gate run} on a new data folder, then the
 * head-end commands and {@code ./p2gate decode} as separate processes. Every command the README shows is run here, and
 * its output is written to {@code target/it/first-five-minutes/transcript.txt}.
 */
public class FirstFiveMinutesIT {

    private static final Pattern ACTIVE = Pattern.compile("bundles +(\\d+) of \\1 active after");
    private static final Duration START = Duration.ofSeconds(60);
    /** Issue 13: 60 s after start every simulated wired channel shows its identity and a value with a capture time. */
    private static final Duration FIRST_READ_LIMIT = Duration.ofSeconds(60);
    /** Issue 17: the simulated wireless gas meter (channel 4) installed over the air and read within three minutes. */
    private static final Duration WIRELESS_READ_LIMIT = Duration.ofMinutes(3);
    private static final List<Integer> WIRED = List.of(1, 2, 3);
    private static final List<Integer> ALL = List.of(1, 2, 3, 4);
    private static final int SIGKILL_EXIT = 137;
    /** P2 Appendix B1.1's default key (the simulated meters') and a user key of the walk-through's own. */
    private static final String DEFAULT_KEY = "00112233445566778899AABBCCDDEEFF";
    private static final String USER_KEY = "000102030405060708090A0B0C0D0E0F";

    private Path dir;
    private final StringBuilder transcript = new StringBuilder();

    @Before
    public void freshFolder() throws IOException {
        dir = Path.of(System.getProperty("p2gate.test.dir"), "first-five-minutes").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    @Test
    public void aNewGatewayShowsReadingsAtOnceAndAKeyedChannelStillReadsAfterSigkill() throws Exception {
        Files.writeString(dir.resolve("user.key"), USER_KEY + "\n");
        Files.writeString(dir.resolve("default.key"), DEFAULT_KEY + "\n");
        long firstReadMillis;
        try (RunningGateway gateway = start()) {
            long started = System.nanoTime();
            gateway.awaitLine(ACTIVE, START);
            awaitChannelsRead(started, WIRED, FIRST_READ_LIMIT);
            firstReadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("first five minutes: every wired channel read " + firstReadMillis + " ms after ./p2gate run");
            JsonNode channels = awaitChannelsRead(started, ALL, WIRELESS_READ_LIMIT);
            System.out.println("first five minutes: the wireless gas meter installed and read "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s after ./p2gate run");
            assertEquals(4, channels.size());
            List<String> units = new ArrayList<>();
            for (JsonNode channel : channels) {
                assertFalse("identification number of channel " + channel.path("channel"),
                        channel.path("setup").path("serialNumber").asText().isEmpty());
                assertTrue("a capture time: " + channel, channel.path("value").path("captureTime").isTextual());
                units.add(channel.path("value").path("unit").asText());
            }
            assertEquals("gas and water in m³, heat in J, the wireless gas meter in m³", List.of("m³", "m³", "J", "m³"), units);

            String read = headEnd("read");
            assertTrue(read, read.contains("equipment identifier XXXXX110131000001"));
            assertTrue(read, read.contains("equipment identifier XXXXX110131000004") && read.contains("wireless (Short ID)"));
            // EN 13757-4 t_RO: every answer went out inside the window, by the radio's firmware
            assertFalse(gateway.output(), gateway.output().contains("outside t_RO"));
            assertFalse(gateway.output(), gateway.output().contains("released no armed answer"));
            String events = headEnd("events");
            for (int code : List.of(105, 115, 125, 135)) {
                assertTrue("new M-Bus device discovered, event " + code + ": " + events, events.contains(" " + code + " "));
            }
            String profile = headEnd("profile", "--channel", "1", "--entries", "1..0");
            assertTrue(profile, profile.contains("m³"));

            String transfer = headEnd("transfer-key", "--channel", "1", "--user-key-file", "user.key",
                    "--default-key-file", "default.key");
            assertTrue(transfer, transfer.contains("transfer_key done") && transfer.contains("set_encryption_key done"));
            String capture = headEnd("capture", "--channel", "1");
            assertTrue(capture, capture.contains("channel 1: capture done: the device answered"));
            assertTrue(headEnd("read", "--channel", "1").contains("key status    encryption key in use"));

            assertEquals("killed, as by a power cut", SIGKILL_EXIT, gateway.kill(START));
        }
        transcript.append("$ # the gateway is killed (SIGKILL) and started again\n");
        try (RunningGateway again = start()) {
            again.awaitLine(ACTIVE, START);
            awaitChannelsRead(System.nanoTime(), ALL, FIRST_READ_LIMIT);
            String capture = headEnd("capture", "--channel", "1");
            assertTrue("the simulated meter kept its user key and frame counter: " + capture,
                    capture.contains("channel 1: capture done: the device answered"));
            assertTrue(headEnd("read", "--channel", "1").contains("key status    encryption key in use"));
            assertFalse(again.output(), again.output().contains("unencrypted data while a user key is set"));
            assertFalse("no key in the gateway's output", again.output().contains(USER_KEY));
        }
        // a simulated gas meter's RSP_UD as the master receives it (P2 §6.4.4: volume in storage 1, type-I time)
        String decoded = p2gate("decode", "6839396808057201000031B43842033E00000001FD17000D7811313030303030313331303131"
                + "5858585858466D0000D4453C004C130040030201FD6705E116");
        assertTrue(decoded, decoded.contains("Volume") && decoded.contains("2034.000 m^3"));
        assertFalse(transcript.toString(), transcript.toString().contains(USER_KEY));
        Files.writeString(dir.resolve("transcript.txt"), transcript);
        assertTrue("first read after " + firstReadMillis + " ms", firstReadMillis <= FIRST_READ_LIMIT.toMillis());
    }

    private RunningGateway start() throws IOException {
        transcript.append("$ ./p2gate run\n");
        return RunningGateway.start("--data", dir.resolve("data").toString(), "--conf", dir.resolve("conf").toString());
    }

    /** {@code headend read --json} until {@code wanted} channels have a value with a capture time; all channels. */
    private JsonNode awaitChannelsRead(long startedNanos, List<Integer> wanted, Duration limit) throws Exception {
        long deadline = startedNanos + limit.plusSeconds(30).toNanos();
        while (true) {
            Run run = run(false, "headend", "read", "--keys", "conf/p3-keys.properties", "--json");
            if (run.exit() == 0) {
                JsonNode channels = new ObjectMapper().readTree(run.out()).path("channels");
                boolean all = channels.size() == 4;
                for (JsonNode channel : channels) {
                    all &= !wanted.contains(channel.path("channel").asInt())
                            || channel.path("value").path("captureTime").isTextual();
                }
                if (all) {
                    transcript.append("$ ./p2gate headend read --keys conf/p3-keys.properties --json\n").append(run.out());
                    return channels;
                }
            }
            assertTrue("channels " + wanted + " read within " + limit + "; last: " + run, System.nanoTime() < deadline);
            Thread.sleep(500);
        }
    }

    private String headEnd(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("headend"));
        all.addAll(List.of(args));
        all.addAll(List.of("--keys", "conf/p3-keys.properties"));
        return p2gate(all.toArray(String[]::new));
    }

    /** {@code ./p2gate ARGS} in the walk-through's folder; must exit 0; its output goes to the transcript. */
    private String p2gate(String... args) throws Exception {
        Run run = run(true, args);
        assertEquals("./p2gate " + String.join(" ", args) + ":\n" + run, 0, run.exit());
        return run.out();
    }

    private record Run(int exit, String out, String err) {}

    private Run run(boolean record, String... args) throws Exception {
        Path root = Path.of(System.getProperty("p2gate.root"));
        List<String> command = new ArrayList<>(List.of(root.resolve("p2gate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("P2GATE_NO_BUILD", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String out;
        String err;
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue("./p2gate " + String.join(" ", args) + " ended", process.waitFor(120, TimeUnit.SECONDS));
        if (record) {
            transcript.append("$ ./p2gate ").append(String.join(" ", args)).append('\n').append(out).append(err);
        }
        return new Run(process.exitValue(), out, err);
    }
}
