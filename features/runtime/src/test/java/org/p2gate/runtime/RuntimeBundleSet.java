package org.p2gate.runtime;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ops4j.pax.exam.Option;

/**
 * Runs outside the framework (in {@code @Configuration} methods). The runtime's own bundle set (the jars the launcher embeds), as Pax Exam options: the system
 * tests run exactly what {@code java -jar p2gate-runtime.jar} runs, with the same system packages.
 */
final class RuntimeBundleSet {

    private RuntimeBundleSet() {}

    static List<EmbeddedBundle> embedded() {
        try {
            return EmbeddedBundles.inFolder(Path.of(System.getProperty("p2gate.runtime.bundles")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for a Felix framework holding the runtime bundles whose symbolic names pass the filter. */
    static Option[] options(Predicate<String> includeSymbolicName, Path confDir) {
        List<Option> options = basics(confDir);
        Path folder = Path.of(System.getProperty("p2gate.runtime.bundles"));
        List<String> expected = new ArrayList<>();
        for (EmbeddedBundle bundle : embedded()) {
            if (includeSymbolicName.test(bundle.symbolicName())) {
                String url = folder.resolve(bundle.entry().substring(EmbeddedBundles.FOLDER.length())).toUri().toString();
                options.add(bundle.fragment() ? bundle(url).noStart() : bundle(url));
                expected.add(bundle.symbolicName() + (bundle.fragment() ? ";fragment" : ""));
            }
        }
        options.add(frameworkProperty(InFramework.EXPECTED_BUNDLES).value(String.join(",", expected)));
        return options.toArray(Option[]::new);
    }

    /** The framework settings of every system test: clean caches, JUnit, SLF4J from the system bundle, log history. */
    static List<Option> basics(Path confDir) {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        options.add(junitBundles());
        // SLF4J 2 from the system bundle as in the runtime; Pax Exam adds pax-logging for its own
        // bundles (they need SLF4J 1.x), and our bundles accept either ([1.7,3))
        String slf4j = System.getProperty("slf4j.version");
        options.add(systemPackages("org.slf4j;version=" + slf4j, "org.slf4j.event;version=" + slf4j,
                "org.slf4j.helpers;version=" + slf4j, "org.slf4j.spi;version=" + slf4j));
        try {
            Files.createDirectories(confDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // keep the whole OSGi log history (Felix Log keeps 100 entries by default): tests read all of it
        options.add(frameworkProperty("org.apache.felix.log.maxSize").value("100000"));
        options.add(frameworkProperty("equinox.log.history.max").value("100000")); // the same on Equinox (-Pequinox)
        options.add(frameworkProperty("felix.fileinstall.dir").value(confDir.toString()));
        options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false")); // as the runtime
        options.add(frameworkProperty("gosh.args").value("--nointeractive")); // as the runtime without a terminal
        return options;
    }
}
