package org.p2gate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration of the embedded default (simulated meters, the master reading them, the P3 server
 * with keys of its own, {@link P3Credentials}), written
 * into a configuration folder the first time it is created, so {@code ./p2gate run} shows a working
 * gateway. An existing folder is never touched.
 */
final class DefaultConfiguration {

    static final List<String> FILES = List.of("org.p2gate.simulator.config", "org.p2gate.master.config");

    private DefaultConfiguration() {}

    /** Creates {@code confDir} with the default files if it does not exist; returns whether it did. */
    static boolean seedIfNew(Path confDir) throws IOException {
        if (Files.exists(confDir)) {
            return false;
        }
        Files.createDirectories(confDir);
        for (String name : FILES) {
            try (InputStream in = DefaultConfiguration.class.getResourceAsStream("defaults/" + name)) {
                if (in == null) {
                    throw new IOException("the runtime jar lacks its default " + name);
                }
                Files.copy(in, confDir.resolve(name));
            }
        }
        P3Credentials.seed(confDir, new java.security.SecureRandom());
        return true;
    }
}
