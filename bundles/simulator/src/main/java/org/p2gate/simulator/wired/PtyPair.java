package org.p2gate.simulator.wired;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by socat, named by two links (e.g. ttyMaster and ttyMeter): the real
 * serial path for tests and demonstrations — a master on one end through jSerialComm, a simulated meter on the
 * other. Closing it removes both, as an unplugged USB level converter vanishes.
 */
public final class PtyPair implements AutoCloseable {

    private final Process socat;
    private final Path first;
    private final Path second;

    private PtyPair(Process socat, Path first, Path second) {
        this.socat = socat;
        this.first = first;
        this.second = second;
    }

    /** Whether socat can be run here. */
    public static boolean socatInstalled() {
        try {
            Process probe = new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts socat with raw ptys linked at {@code first} and {@code second}; returns once socat says both are open
     * (its notice "starting data transfer loop", printed after both ptys and links exist). Nothing polls: the call reads
     * socat's log, and a timer ends socat if it says nothing within {@code limit}.
     */
    public static PtyPair open(Path first, Path second, Duration limit) throws IOException {
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + first,
                "pty,raw,echo=0,link=" + second).redirectErrorStream(true).start();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(socat::destroy,
                CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS));
        StringBuilder said = new StringBuilder();
        BufferedReader log = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8));
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            said.append(line).append('\n');
            if (line.contains("starting data transfer loop")) {
                watchdog.cancel(false);
                // socat logs little after this; its output is left unread as before
                return new PtyPair(socat, first, second);
            }
        }
        socat.destroy();
        throw new IOException("socat made no pty pair within " + limit + ": " + said);
    }

    public Path first() {
        return first;
    }

    public Path second() {
        return second;
    }

    /** Ends socat: both ptys and their links vanish. */
    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
    }
}
