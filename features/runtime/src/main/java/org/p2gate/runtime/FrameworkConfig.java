package org.p2gate.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Constants;

/** The Felix launch properties of the runtime. */
final class FrameworkConfig {

    /** Framework properties that tell the bundles where the gateway keeps its folders. */
    static final String CONF_DIR = "p2gate.conf";
    static final String DATA_DIR = "p2gate.data";

    private static final String[] SLF4J_PACKAGES = {"org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi"};

    private FrameworkConfig() {}

    static Map<String, Object> of(LaunchOptions options, RuntimeInfo info) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, options.osgiCacheDir().toString());
        // SLF4J lives on the launcher's class path with its backend (Logback): bundles import it from the system bundle
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, Stream.of(SLF4J_PACKAGES)
                .map(p -> p + ";version=\"" + info.slf4jVersion() + "\"")
                .collect(Collectors.joining(",")));
        properties.put("felix.log.logger", new FelixLogger());
        properties.put("felix.log.level", "2");
        properties.put(CONF_DIR, options.confDir().toString());
        properties.put(DATA_DIR, options.dataDir().toString());
        // File Install: <pid>.cfg files in the configuration folder become Config Admin configurations
        properties.put("felix.fileinstall.dir", options.confDir().toString());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.log.level", "2");
        // the files are the source of truth: File Install writing configurations back raced with its own reading
        // of the same file, and a .config it had just truncated was read as empty: the master lost its wired.port
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // the Gogo console (installation start|stop|list|select): a prompt on a terminal, never a framework shutdown when
        // its input ends (a gateway run as a service has none)
        properties.put("gosh.args", System.console() != null ? "--noshutdown" : "--nointeractive");
        // Log Service history kept for the log bridge to forward what happened before it started
        properties.put("org.apache.felix.log.maxSize", "200");
        return properties;
    }
}
