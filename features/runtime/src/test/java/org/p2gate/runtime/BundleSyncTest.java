package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** The runtime's embedded bundles against a real (in-process) Felix framework. */
public class BundleSyncTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Framework framework;
    private Path shipped;
    private Path digests;

    @Before
    public void framework() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, temp.newFolder("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.init();
        shipped = temp.newFolder("bundles").toPath();
        digests = temp.getRoot().toPath().resolve("runtime-bundles.properties");
    }

    @After
    public void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    public void firstStartInstallsEveryShippedBundleUnderARuntimeLocation() throws Exception {
        ship("a", "1.0.0", "one");
        ship("b", "2.0.0", "two");

        List<Bundle> bundles = sync();

        assertEquals(List.of("p2gate:runtime/a", "p2gate:runtime/b"), bundles.stream().map(Bundle::getLocation).toList());
        assertEquals("2.0.0", bundles.get(1).getVersion().toString());
        assertEquals(2, storedDigests().size());
    }

    @Test
    public void anUnchangedBundleIsLeftAsInstalled() throws Exception {
        ship("a", "1.0.0", "one");
        Bundle first = sync().get(0);
        long modified = first.getLastModified();

        Bundle second = sync().get(0);

        assertSame(first, second);
        assertEquals(modified, second.getLastModified());
    }

    @Test
    public void aBundleWhoseBytesChangedIsUpdatedInPlace() throws Exception {
        ship("a", "1.0.0", "one");
        Bundle before = sync().get(0);

        ship("a", "1.0.0", "changed");
        Bundle after = sync().get(0);

        assertEquals("same bundle id: its data area survives", before.getBundleId(), after.getBundleId());
        assertEquals("changed", content(after));
    }

    @Test
    public void aBundleTheRuntimeNoLongerShipsIsUninstalled() throws Exception {
        ship("a", "1.0.0", "one");
        ship("b", "1.0.0", "two");
        Bundle b = sync().get(1);

        Files.delete(shipped.resolve("b.jar"));
        sync();

        assertEquals(Bundle.UNINSTALLED, b.getState());
        assertNull(storedDigests().getProperty("p2gate:runtime/b"));
    }

    @Test
    public void aBundleDeployedByOthersIsNotInstalledASecondTime() throws Exception {
        Path deployed = ship("a", "1.1.0", "from a deployment package");
        Bundle other;
        try (InputStream in = Files.newInputStream(deployed)) {
            other = framework.getBundleContext().installBundle("osgi-dp:a", in);
        }
        ship("a", "1.0.0", "embedded");

        List<Bundle> bundles = sync();

        assertSame(other, bundles.get(0));
        assertEquals(1, framework.getBundleContext().getBundles().length - 1);
    }

    private List<Bundle> sync() throws IOException {
        return new BundleSync(framework.getBundleContext(), digests).apply(EmbeddedBundles.inFolder(shipped));
    }

    private Properties storedDigests() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(digests)) {
            properties.load(in);
        }
        return properties;
    }

    private static String content(Bundle bundle) throws IOException {
        try (InputStream in = bundle.getEntry("content.txt").openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a minimal bundle {@code <symbolicName>.jar} with one text entry. */
    private Path ship(String symbolicName, String version, String content) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, version);
        Path jar = shipped.resolve(symbolicName + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("content.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
