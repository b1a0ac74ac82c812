package org.p2gate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * One bundle jar shipped inside the runtime.
 *
 * @param entry        where it lies in the runtime ({@code bundles/<file>.jar})
 * @param symbolicName its Bundle-SymbolicName, without directives
 * @param version      its Bundle-Version as written
 * @param fragment     whether it is a fragment (attached, never started)
 * @param sha256       the digest of its bytes, to tell a changed bundle from the one installed
 * @param content      opens its bytes
 */
record EmbeddedBundle(String entry, String symbolicName, String version, boolean fragment, String sha256,
        Content content) {

    /** Opens the bytes of an embedded jar, as many times as needed. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    /** The location under which the runtime installs it: stable across versions of the bundle. */
    String location() {
        return "p2gate:runtime/" + symbolicName;
    }

    static EmbeddedBundle read(String entry, Content content) throws IOException {
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(content.open())) {
            manifest = jar.getManifest();
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (symbolicName == null) {
            throw new IOException(entry + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }
        String version = main.getValue("Bundle-Version");
        return new EmbeddedBundle(entry, symbolicName.split(";", 2)[0].trim(), version == null ? "0.0.0" : version,
                main.getValue("Fragment-Host") != null, Digests.sha256(content), content);
    }

    InputStream open() {
        try {
            return content.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded bundle " + entry, e);
        }
    }
}
