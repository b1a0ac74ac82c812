package org.p2gate.runtime;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * What the test methods use inside the framework. The Pax Exam probe carries only test classes,
 * so nothing here may touch the launcher's own classes.
 */
final class InFramework {

    /** Framework property listing the bundles the configuration installed: {@code bsn[;fragment],…}. */
    static final String EXPECTED_BUNDLES = "p2gate.test.expected.bundles";

    /** The gateway bundles that the Kura deployment package carries. */
    static final Set<String> GATEWAY_BUNDLES = Set.of("org.p2gate.gurux.dlms", "org.p2gate.clock", "org.p2gate.mbus",
            "org.p2gate.mbus.wired", "org.p2gate.mbus.wireless", "com.fazecast.jSerialComm", "org.p2gate.master", "org.p2gate.installation", "org.p2gate.cosem", "org.p2gate.p3", "com.h2database.mvstore");

    /** The bundles of the Kura deployment package: the gateway bundles and the Kura adapter (which resolves on Kura only). */
    static final Set<String> PACKAGE_BUNDLES = java.util.stream.Stream.concat(GATEWAY_BUNDLES.stream(),
            java.util.stream.Stream.of("org.p2gate.kura")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Runtime bundles that need the gateway bundles but are not in the Kura package (the simulator, MQTT). */
    static final Set<String> RUNTIME_ONLY = Set.of("org.p2gate.simulator", "org.p2gate.mqtt",
            "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.shell");

    private InFramework() {}

    /** The bundles the configuration installed, by symbolic name, with whether each is a fragment. */
    static Map<String, Boolean> expectedBundles(BundleContext context) {
        return Arrays.stream(context.getProperty(EXPECTED_BUNDLES).split(","))
                .map(item -> item.split(";"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts.length > 1));
    }

    static Bundle bySymbolicName(BundleContext context, String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    /** A folder under target/it for one test class. */
    static Path testDir(String name) {
        return Path.of(System.getProperty("p2gate.test.dir", "target/it"), name).toAbsolutePath();
    }

    /** Bundle state names (the probe cannot use the launcher's Banner.state); states are single bits. */
    static String state(int state) {
        return List.of("UNINSTALLED", "INSTALLED", "RESOLVED", "STARTING", "STOPPING", "ACTIVE")
                .get(Integer.numberOfTrailingZeros(state));
    }
}
