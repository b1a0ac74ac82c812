package org.p2gate.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;

/** The few lines the runtime prints once it is up: what runs, where its folders are, what is active. */
final class Banner {

    private Banner() {}

    static String render(RuntimeInfo info, LaunchOptions options, Gateway.StartReport report, Duration startTime) {
        List<Bundle> bundles = report.bundles();
        long active = bundles.stream().filter(b -> b.getState() == Bundle.ACTIVE || Gateway.isFragment(b)).count();
        String gateway = bundles.stream().filter(Banner::isProjectBundle)
                .map(b -> b.getSymbolicName() + " " + b.getVersion())
                .collect(Collectors.joining(", "));
        String platform = bundles.stream().filter(b -> !isProjectBundle(b))
                .map(b -> shortName(b.getSymbolicName()))
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder()
                .append(String.format(Locale.ROOT, "p2gate %s on Apache Felix %s, Java %s%n", info.version(),
                        info.felixVersion(), Runtime.version()))
                .append(String.format(Locale.ROOT, "  config   %s  (<pid>.cfg, applied while running)%n",
                        options.confDir()))
                .append(String.format(Locale.ROOT, "  data     %s%n", options.dataDir()))
                .append(String.format(Locale.ROOT, "  log      %s%n", options.logDir().resolve("p2gate.log")))
                .append(String.format(Locale.ROOT, "  bundles  %d of %d active after %d ms%n", active, bundles.size(),
                        startTime.toMillis()))
                .append(String.format(Locale.ROOT, "    gateway: %s%n", gateway))
                .append(String.format(Locale.ROOT, "    OSGi:    %s%n", platform));
        for (Bundle bundle : bundles) {
            if (bundle.getState() != Bundle.ACTIVE && !Gateway.isFragment(bundle)) {
                text.append(String.format(Locale.ROOT, "  NOT ACTIVE %s %s (%s): %s%n", bundle.getSymbolicName(),
                        bundle.getVersion(), state(bundle.getState()),
                        report.failures().getOrDefault(bundle, "see the log")));
            }
        }
        return text.append("  stop with Ctrl-C").toString();
    }

    private static boolean isProjectBundle(Bundle bundle) {
        return bundle.getSymbolicName().startsWith("org.p2gate.");
    }

    private static String shortName(String symbolicName) {
        return symbolicName.replaceFirst("^org\\.apache\\.felix\\.", "").replaceFirst("^org\\.osgi\\.", "");
    }

    /** The name of a bundle state; OSGi bundle states are single bits, UNINSTALLED (1) to ACTIVE (32). */
    static String state(int state) {
        return Integer.bitCount(state) == 1 && state <= Bundle.ACTIVE ? STATES.get(Integer.numberOfTrailingZeros(state))
                : "state " + state;
    }

    private static final List<String> STATES =
            List.of("UNINSTALLED", "INSTALLED", "RESOLVED", "STARTING", "STOPPING", "ACTIVE");
}
