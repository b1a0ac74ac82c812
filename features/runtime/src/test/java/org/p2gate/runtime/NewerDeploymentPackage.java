package org.p2gate.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/**
 * Makes the next release of a deployment package from a built one, as a build server would: the
 * package version and one bundle's version go up by one micro step, everything else is the same.
 */
final class NewerDeploymentPackage {

    private NewerDeploymentPackage() {}

    /** The micro step above {@code version}, without qualifier: 0.1.0.2026… → 0.1.1. */
    static Version next(Version version) {
        return new Version(version.getMajor(), version.getMinor(), version.getMicro() + 1);
    }

    /**
     * @param original  the built package
     * @param bumped    the symbolic name of the bundle whose version goes up
     * @param target    where to write the newer package
     */
    static void write(Path original, String bumped, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (JarInputStream in = new JarInputStream(Files.newInputStream(original));
                OutputStream file = Files.newOutputStream(target)) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putValue("DeploymentPackage-Version",
                    next(Version.parseVersion(main.getValue("DeploymentPackage-Version"))).toString());
            String bumpedEntry = null;
            Version newer = null;
            for (var section : manifest.getEntries().entrySet()) {
                if (bumped.equals(section.getValue().getValue("Bundle-SymbolicName"))) {
                    bumpedEntry = section.getKey();
                    newer = next(Version.parseVersion(section.getValue().getValue("Bundle-Version")));
                    section.getValue().putValue("Bundle-Version", newer.toString());
                }
            }
            if (bumpedEntry == null) {
                throw new IOException(original + " holds no bundle " + bumped);
            }
            // Deployment Admin wants the manifest first, then the resources in manifest order
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    byte[] content = in.readAllBytes();
                    if (entry.getName().equals(bumpedEntry)) {
                        content = withBundleVersion(content, newer);
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
        }
    }

    private static byte[] withBundleVersion(byte[] bundle, Version version) throws IOException {
        ByteArrayOutputStream result = new ByteArrayOutputStream(bundle.length);
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(bundle))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version.toString());
            try (JarOutputStream out = new JarOutputStream(result, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return result.toByteArray();
    }
}
