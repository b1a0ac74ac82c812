package org.p2gate.mqtt.broker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}) on a free loopback port, for one test class: started, stopped
 * and started again on the same port, with its persistence (so that a durable subscriber's queue survives a restart)
 * in the test's folder. CI installs it (.ci/run); elsewhere the tests are skipped when it is missing. Also used by
 * {@code ./p2gate bench --mqtt-only} (features/bench).
 */
public final class Mosquitto implements AutoCloseable {

    private final Path config;
    private final int port;
    private final Path log;
    private Process process;

    private Mosquitto(Path config, int port, Path log) {
        this.config = config;
        this.port = port;
        this.log = log;
    }

    /** Skips the calling test class when mosquitto is not installed; fails instead when CI is set. */
    public static void assumeInstalled() {
        boolean installed = executable("mosquitto").isPresent();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("mosquitto is missing: .ci/run installs it for the MQTT tests");
        }
        Assumptions.assumeTrue(installed, "mosquitto is not installed: the MQTT publishing is not tested here");
    }

    /** A program on the PATH or in the sbin folders (Debian puts mosquitto in /usr/sbin). */
    public static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
                + File.pathSeparator + "/usr/local/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(s -> Path.of(s, name))
                .filter(Files::isExecutable).findFirst();
    }

    /** Starts a broker in {@code folder} with the given extra configuration lines (e.g. a password file). */
    public static Mosquitto start(Path folder, String extraConfig) throws IOException, InterruptedException {
        int port = freePort();
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\n"
                + "persistence true\npersistence_location " + folder.toAbsolutePath() + "/\n"
                + "max_queued_messages 0\n"
                // as root, mosquitto would switch to the user 'mosquitto', who cannot read the test's files
                + "user " + System.getProperty("user.name") + "\n" + extraConfig);
        Mosquitto broker = new Mosquitto(config, port, folder.resolve("mosquitto.log"));
        broker.start();
        return broker;
    }

    /** A loopback port free at the moment (e.g. for a second listener). */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    /** Starts the broker (again) on its port; returns once it accepts connections. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable("mosquitto").orElseThrow().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("mosquitto did not start on port " + port + ": " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the broker (SIGTERM: it saves its persistence) and waits until it has ended. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
