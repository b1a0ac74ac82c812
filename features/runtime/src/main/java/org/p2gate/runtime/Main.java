package org.p2gate.runtime;

import java.time.Duration;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar p2gate-runtime.jar [--conf DIR] [--data DIR]}: starts the gateway on the
 * embedded Felix framework, prints the banner, and stops cleanly on Ctrl-C or SIGTERM.
 *
 * <p>Exit codes: 0 stopped from inside (e.g. a shell's {@code stop 0}), 1 could not start (or
 * the data folder is in use), 2 bad command line, 143 stopped by SIGTERM or Ctrl-C (the JVM's code).
 */
public final class Main {

    /** Held for the life of the process: an unreachable channel would be closed, and the lock with it. */
    private static DataFolderLock dataFolderLock;

    private Main() {}

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (LaunchOptions.UsageException e) {
            System.err.println("p2gate: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        RuntimeInfo info = RuntimeInfo.load();
        switch (options.action()) {
            case HELP -> System.out.println(LaunchOptions.USAGE);
            case VERSION -> System.out.println("p2gate " + info.version());
            case RUN -> System.exit(run(options, info));
        }
    }

    private static int run(LaunchOptions options, RuntimeInfo info) {
        try {
            dataFolderLock = DataFolderLock.acquire(options.dataDir()); // released by the OS when the process ends
        } catch (java.io.IOException e) {
            System.err.println("p2gate: " + e.getMessage());
            return 1;
        }
        // the log file lives in the data folder: tell Logback before the first logger is made
        System.setProperty("p2gate.log.dir", options.logDir().toString());
        Logger log = LoggerFactory.getLogger(Main.class);

        Gateway gateway = new Gateway(options, info);
        Thread shutdown = new Thread(gateway::stop, "p2gate-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            Gateway.StartReport report = gateway.start();
            log.info("{}", Banner.render(info, options, report, sinceJvmStart()));
            if (!report.allActive()) {
                log.warn("p2gate runs with bundles that are not active: see above");
            }
            gateway.awaitStop();
            return 0;
        } catch (Exception e) {
            log.error("p2gate could not start: {}", e.getMessage(), e);
            gateway.stop();
            return 1;
        }
    }

    /** Time since the JVM started (not the process: a shell that exec'd java started it earlier). */
    private static Duration sinceJvmStart() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
