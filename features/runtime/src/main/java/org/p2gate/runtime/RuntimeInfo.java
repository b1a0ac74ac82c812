package org.p2gate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into the runtime: its version and the versions of what it embeds.
 *
 * @param version      the p2gate version
 * @param felixVersion the Apache Felix framework version
 * @param slf4jVersion the SLF4J API version the system bundle exports to the bundles
 */
record RuntimeInfo(String version, String felixVersion, String slf4jVersion) {

    static RuntimeInfo load() {
        Properties properties = new Properties();
        try (InputStream in = RuntimeInfo.class.getResourceAsStream("runtime.properties")) {
            if (in == null) {
                throw new IllegalStateException("runtime.properties is missing from the runtime jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuntimeInfo(properties.getProperty("version"), properties.getProperty("felix.version"),
                properties.getProperty("slf4j.version"));
    }
}
