package org.p2gate.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./p2gate run …} as a user starts it: a separate process whose output the test reads. */
final class RunningGateway implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RunningGateway(Process process) {
        this.process = process;
        reader = new Thread(this::readOutput, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ./p2gate run ARGS} from the repository root, never building (the build just did). */
    static RunningGateway start(String... args) throws IOException {
        Path root = Path.of(System.getProperty("p2gate.root"));
        List<String> command = new ArrayList<>(List.of(root.resolve("p2gate").toString(), "run"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("P2GATE_NO_BUILD", "1");
        return new RunningGateway(builder.start());
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an output line matching {@code pattern}; fails with the whole output if none comes. */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("no line matching " + pattern + " within " + timeout + "; output:\n"
                            + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Sends SIGTERM (as Ctrl-C or a service manager would) and waits for the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        // Process.destroy() would also close our end of its output, losing the last lines
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGKILL (a power cut, as far as the JVM can tell) and waits for the exit code. */
    int kill(Duration timeout) throws InterruptedException {
        process.toHandle().destroyForcibly();
        return awaitExit(timeout);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not exit within " + timeout + "; output:\n" + output());
        }
        reader.join(timeout.toMillis()); // what the process wrote last
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
