/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.p2gate.kura.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Reads the manifest that bnd wrote in process-classes and checks that every declared package is exported with the
 * version Eclipse Kura 5.4.1 exports it with (sources: README.md).
 */
class ManifestExportsTest {

    private static Attributes main;
    private static Map<String, String> exports;

    @BeforeAll
    static void readManifest() throws IOException {
        final Path manifest = Paths.get(System.getProperty("p2gate.manifest", "target/classes/META-INF/MANIFEST.MF"));
        assertTrue(Files.isRegularFile(manifest), "bnd did not write " + manifest);
        try (InputStream in = Files.newInputStream(manifest)) {
            main = new Manifest(in).getMainAttributes();
        }
        final String header = main.getValue("Export-Package");
        assertNotNull(header, "no Export-Package header");
        exports = parseExportVersions(header);
    }

    @ParameterizedTest(name = "{0} exported at {1}")
    @CsvSource({
            "org.eclipse.kura, 1.7.0",
            "org.eclipse.kura.configuration, 1.2.0",
            "org.eclipse.kura.message, 1.5.0",
            "org.eclipse.kura.cloudconnection.publisher, 1.0.0",
            "org.eclipse.kura.cloudconnection.message, 1.0.0",
            "org.eclipse.kura.cloudconnection.listener, 1.0.0",
            "org.eclipse.kura.crypto, 1.3.0" })
    void exportsPackageAtKuraVersion(String pkg, String version) {
        assertTrue(exports.containsKey(pkg), pkg + " is not exported; exports: " + exports);
        assertEquals(version, exports.get(pkg), "export version of " + pkg);
    }

    @Test
    void exportsNothingElse() {
        assertEquals(7, exports.size(), "unexpected exports: " + exports);
    }

    @Test
    void saysItMustNeverBeDeployed() {
        final String description = main.getValue("Bundle-Description");
        assertNotNull(description);
        assertTrue(description.contains("never deploy"), description);
        assertEquals("org.p2gate.kura.api", main.getValue("Bundle-SymbolicName"));
    }

    /** Package name to version attribute, from an OSGi Export-Package header (quoted values may hold commas). */
    static Map<String, String> parseExportVersions(String header) {
        final Map<String, String> result = new LinkedHashMap<>();
        for (String clause : split(header, ',')) {
            final List<String> parts = split(clause, ';');
            final List<String> names = new ArrayList<>();
            String version = "0.0.0";
            for (String part : parts) {
                final String p = part.trim();
                final int eq = p.indexOf('=');
                if (eq < 0) {
                    names.add(p);
                } else if (p.substring(0, eq).trim().equals("version")) {
                    version = p.substring(eq + 1).trim().replace("\"", "");
                }
            }
            for (String name : names) {
                result.put(name, version);
            }
        }
        return result;
    }

    private static List<String> split(String s, char separator) {
        final List<String> out = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }
}
