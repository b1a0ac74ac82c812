package org.p2gate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Felix framework with the runtime's bundles: start, report, stop. */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final LaunchOptions options;
    private final RuntimeInfo info;
    private Framework framework;

    Gateway(LaunchOptions options, RuntimeInfo info) {
        this.options = options;
        this.info = info;
    }

    /** What {@link #start} achieved: each bundle of the set and, for those that would not start, why. */
    record StartReport(List<Bundle> bundles, Map<Bundle, String> failures) {
        boolean allActive() {
            return bundles.stream().allMatch(b -> isFragment(b) ? b.getState() == Bundle.RESOLVED
                    : b.getState() == Bundle.ACTIVE);
        }
    }

    StartReport start() throws IOException, BundleException {
        if (DefaultConfiguration.seedIfNew(options.confDir())) {
            LOG.info("new configuration folder {}: the embedded default (simulated meters read by the master, P3 on"
                    + " port 4059; head-end keys in {})", options.confDir(), options.confDir().resolve(P3Credentials.CLIENT_FILE));
        }
        Files.createDirectories(options.osgiCacheDir());
        List<EmbeddedBundle> embedded = EmbeddedBundles.ofLauncher();

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework created = factory.newFramework((Map) FrameworkConfig.of(options, info));
        framework = created;
        framework.init();
        framework.getBundleContext().addFrameworkListener(Gateway::logFrameworkEvent);

        List<Bundle> bundles = new BundleSync(framework.getBundleContext(),
                options.dataDir().resolve("runtime-bundles.properties")).apply(embedded);
        framework.start();

        Map<Bundle, String> failures = new LinkedHashMap<>();
        for (Bundle bundle : bundles) {
            if (isFragment(bundle)) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                failures.put(bundle, e.getMessage());
                LOG.error("bundle {} {} did not start: {}", bundle.getSymbolicName(), bundle.getVersion(),
                        e.getMessage());
            }
        }
        return new StartReport(bundles, failures);
    }

    /** Blocks until the framework has stopped, by {@link #stop} or from inside (a shell's "stop 0"). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops every bundle and the framework, waiting at most {@link #STOP_TIMEOUT}. */
    void stop() {
        if (framework == null || (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        LOG.info("p2gate stopping");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("the framework did not stop within {} s", STOP_TIMEOUT.toSeconds());
            } else {
                LOG.info("p2gate stopped");
            }
        } catch (BundleException e) {
            LOG.error("stopping the framework failed: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get("Fragment-Host") != null;
    }

    private static void logFrameworkEvent(FrameworkEvent event) {
        String source = event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
        switch (event.getType()) {
            case FrameworkEvent.ERROR -> LOG.error("{}: {}", source, message(event), event.getThrowable());
            case FrameworkEvent.WARNING -> LOG.warn("{}: {}", source, message(event), event.getThrowable());
            default -> { }
        }
    }

    private static String message(FrameworkEvent event) {
        return event.getThrowable() == null ? "framework event" : String.valueOf(event.getThrowable().getMessage());
    }
}
