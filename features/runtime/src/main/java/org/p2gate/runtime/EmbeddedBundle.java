package org.p2gate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
                main.getValue("Fragment-Host") != null, sha256(content), content);
    }

    private static String sha256(Content content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(content.open(), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    InputStream open() {
        try {
            return content.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded bundle " + entry, e);
        }
    }
}
