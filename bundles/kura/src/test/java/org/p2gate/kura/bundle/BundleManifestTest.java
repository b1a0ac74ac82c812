package org.p2gate.kura.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The built manifests: org.p2gate.kura imports org.eclipse.kura.* with ranges that the declared Kura API versions
 * (org.p2gate.kura.api's exports, i.e. Kura 5.4's) satisfy, and no other p2gate bundle imports org.eclipse.kura.
 */
class BundleManifestTest {

    @Test
    void kuraImportsAreSatisfiedByTheDeclaredKuraApiVersions() throws IOException {
        Map<String, String> imports = Headers.clauses(ownManifest().getValue("Import-Package"), "version");
        Map<String, String> exports = Headers.clauses(bundle("org.p2gate.kura.api").getValue("Export-Package"),
                "version");
        List<String> kura = imports.keySet().stream().filter(p -> p.startsWith("org.eclipse.kura")).toList();
        assertEquals(List.of("org.eclipse.kura", "org.eclipse.kura.cloudconnection.message",
                "org.eclipse.kura.cloudconnection.publisher", "org.eclipse.kura.configuration", "org.eclipse.kura.crypto",
                "org.eclipse.kura.message"), kura.stream().sorted().toList());
        for (String pkg : kura) {
            String declared = exports.get(pkg);
            assertNotNull(declared, pkg + " is imported but not declared in org.p2gate.kura.api");
            assertTrue(Headers.inRange(declared, imports.get(pkg)),
                    pkg + " " + declared + " is outside the import range " + imports.get(pkg));
        }
    }

    @Test
    void importRangeCheckRejectsVersionsOutsideTheRange() {
        assertTrue(Headers.inRange("1.5.0", "[1.4,2)"));
        assertFalse(Headers.inRange("1.3.9", "[1.4,2)"));
        assertFalse(Headers.inRange("2.0.0", "[1.4,2)"));
        assertTrue(Headers.inRange("2.0.0", "[1.4,2]"));
    }

    @Test
    void noOtherP2gateBundleImportsKura() throws IOException {
        List<String> checked = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            Attributes main;
            try (InputStream in = url.openStream()) {
                main = new Manifest(in).getMainAttributes();
            }
            String name = symbolicName(main);
            if (name == null || !name.startsWith("org.p2gate.") || name.startsWith("org.p2gate.kura")) {
                continue;
            }
            checked.add(name);
            String imports = String.valueOf(main.getValue("Import-Package"))
                    + String.valueOf(main.getValue("DynamicImport-Package"));
            assertFalse(imports.contains("org.eclipse.kura"), name + " imports Kura: " + imports);
        }
        // the gateway bundles of the .dp that the test class path holds
        assertTrue(checked.containsAll(List.of("org.p2gate.master", "org.p2gate.clock", "org.p2gate.mbus",
                "org.p2gate.mbus.wired", "org.p2gate.mbus.wireless", "org.p2gate.installation", "org.p2gate.cosem",
                "org.p2gate.p3", "org.p2gate.gurux.dlms")), "checked only " + checked);
    }

    static Attributes ownManifest() throws IOException {
        Path manifest = Path.of(System.getProperty("p2gate.manifest", "target/classes/META-INF/MANIFEST.MF"));
        assertTrue(Files.isRegularFile(manifest), "bnd did not write " + manifest);
        try (InputStream in = Files.newInputStream(manifest)) {
            return new Manifest(in).getMainAttributes();
        }
    }

    private static Attributes bundle(String symbolicName) throws IOException {
        for (URL url : Collections.list(BundleManifestTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            try (InputStream in = url.openStream()) {
                Attributes main = new Manifest(in).getMainAttributes();
                if (symbolicName.equals(symbolicName(main))) {
                    return main;
                }
            }
        }
        throw new AssertionError(symbolicName + " is not on the test class path");
    }

    private static String symbolicName(Attributes main) {
        String value = main.getValue("Bundle-SymbolicName");
        return value == null ? null : value.split(";")[0].trim();
    }

    /** OSGi manifest header parsing, enough for Import-/Export-Package. */
    static final class Headers {

        /** Package → the value of {@code attribute} (unquoted), "0.0.0" when absent. */
        static Map<String, String> clauses(String header, String attribute) {
            Map<String, String> result = new LinkedHashMap<>();
            if (header == null) {
                return result;
            }
            for (String clause : split(header, ',')) {
                List<String> names = new ArrayList<>();
                String value = "0.0.0";
                for (String part : split(clause, ';')) {
                    String p = part.trim();
                    int eq = p.indexOf('=');
                    if (eq < 0) {
                        names.add(p);
                    } else if (p.substring(0, eq).trim().equals(attribute)) {
                        value = p.substring(eq + 1).trim().replace("\"", "");
                    }
                }
                for (String n : names) {
                    result.put(n, value);
                }
            }
            return result;
        }

        /** Whether {@code version} lies in the OSGi version range {@code range} (a bare version means "at least"). */
        static boolean inRange(String version, String range) {
            if (!range.startsWith("[") && !range.startsWith("(")) {
                return compare(version, range) >= 0;
            }
            String[] ends = range.substring(1, range.length() - 1).split(",");
            int low = compare(version, ends[0].trim());
            int high = compare(version, ends[1].trim());
            return (range.startsWith("[") ? low >= 0 : low > 0) && (range.endsWith("]") ? high <= 0 : high < 0);
        }

        private static int compare(String a, String b) {
            String[] x = a.split("\\.");
            String[] y = b.split("\\.");
            for (int i = 0; i < 3; i++) {
                int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        private static List<String> split(String s, char separator) {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
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
}
