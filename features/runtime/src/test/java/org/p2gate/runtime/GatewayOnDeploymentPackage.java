package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndException;
import org.p2gate.headend.HeadEndSettings;
import org.p2gate.headend.KeyTransferResult;
import org.p2gate.headend.MethodResult;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.master.Channel;
import org.p2gate.master.P2Master;
import org.p2gate.mbus.security.AesKey;

/**
 * A Kura-like gateway in Pax Exam: the OSGi services, the p2gate {@code .dp} installed through Deployment
 * Admin, then the simulator and the head-end library (they need the package's bundles), the virtual clock,
 * one simulated gas meter at address 0 and the P3 server. {@link #options} runs outside the framework, the
 * rest inside.
 */
final class GatewayOnDeploymentPackage {

    static final String PORT_PROPERTY = "p2gate.test.p3.port";
    /** Two minutes before the whole hour: the next poll (90 s after 23:00) reads the 23:00 value. */
    static final Instant START = Instant.parse("2026-11-20T22:58:00Z");
    static final Instant FIRST_HOUR = START.plus(Duration.ofMinutes(2));
    static final String AUTHENTICATION_KEY = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";
    static final String BLOCK_CIPHER_KEY = "000102030405060708090A0B0C0D0E0F";
    /** The P3 server's system title the head-end settings expect. */
    static final String SYSTEM_TITLE = "5032474154453031";
    /** The simulated meters' default key (MeterSpec.DEFAULT_KEY, P2 Appendix B). */
    private static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    private static final AesKey USER_KEY = AesKey.fromHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final DeploymentAdmin deploymentAdmin;
    private final Path dir;
    private final HeadEndSettings settings;

    GatewayOnDeploymentPackage(BundleContext context, ConfigurationAdmin configAdmin, DeploymentAdmin deploymentAdmin,
            String name) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.deploymentAdmin = deploymentAdmin;
        this.dir = InFramework.testDir(name).resolve("run-" + System.nanoTime());
        this.settings = HeadEndSettings.management("localhost", port(), new SecurityKeys(
                HexFormat.of().parseHex("48454144454E4431"), AesKey.fromHex(AUTHENTICATION_KEY),
                AesKey.fromHex(BLOCK_CIPHER_KEY)));
    }

    /** Outside the framework: the OSGi services only (no gateway bundle), a free P3 port, the late bundles' URLs. */
    static Option[] options(String name) {
        return Stream.concat(Stream.of(RuntimeBundleSet.options(symbolicName -> !InFramework.GATEWAY_BUNDLES.contains(symbolicName)
                && !InFramework.RUNTIME_ONLY.contains(symbolicName), InFramework.testDir(name).resolve("conf"))),
                Stream.of(portAndLateBundles())).toArray(Option[]::new);
    }

    /** Outside the framework: a free P3 port and the late bundles (the simulator, the head-end library) as properties. */
    static Option[] portAndLateBundles() {
        Path folder = Path.of(System.getProperty("p2gate.runtime.bundles"));
        List<String> late = new ArrayList<>();
        for (EmbeddedBundle bundle : RuntimeBundleSet.embedded()) {
            if (bundle.symbolicName().equals("org.p2gate.simulator")) {
                late.add(folder.resolve(bundle.entry().substring(EmbeddedBundles.FOLDER.length())).toUri().toString());
            }
        }
        late.add(Path.of(System.getProperty("p2gate.headend.bundle")).toUri().toString());
        return new Option[] {frameworkProperty(PORT_PROPERTY).value(Integer.toString(freePort())),
                frameworkProperty(PackageInstall.LATE_BUNDLES).value(String.join(",", late))};
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return Integer.parseInt(context.getProperty(PORT_PROPERTY));
    }

    HeadEndSettings settings() {
        return settings;
    }

    Path dir() {
        return dir;
    }

    /** Configures the gateway (after {@link PackageInstall#installBuiltWithLateBundles}). */
    void configure() throws Exception {
        simulatedGasMeterOnVirtualClock();
        update("org.p2gate.master", "wired.port", "simulator", "store.folder", dir.resolve("master").toString());
        update("org.p2gate.p3", "port", port(), "system.title", SYSTEM_TITLE,
                "management.authentication.key", AUTHENTICATION_KEY, "management.block.cipher.key", BLOCK_CIPHER_KEY,
                "state.folder", dir.resolve("p3").toString());
    }

    /** The test bench, not the gateway's configuration: the virtual clock and one simulated gas meter at address 0. */
    void simulatedGasMeterOnVirtualClock() throws IOException {
        update("org.p2gate.clock", "mode", "virtual", "virtual.start", START.toString());
        update("org.p2gate.simulator", "enabled", Boolean.TRUE, "meters", new String[] {"gas@0"});
    }

    org.osgi.service.deploymentadmin.DeploymentPackage install(Path dp) throws Exception {
        return PackageInstall.install(deploymentAdmin, dp);
    }

    /** slave_install of channel 1, the user key through transfer_key, then the first encrypted hourly value (23:00). */
    void installMeterKeyAndFirstValue() throws Exception {
        VirtualScheduler time = service(VirtualScheduler.class);
        P2Master master = master();
        try (HeadEndClient headEnd = connect()) {
            MethodResult install = headEnd.slaveInstall(1);
            assertTrue(install.toString(), install.success());
        }
        advanceUntil(time, () -> master.channel(Channel.of(1)).device().isPresent()
                && !master.channel(Channel.of(1)).versionProperties().isEmpty());
        try (HeadEndClient headEnd = connect()) {
            KeyTransferResult key = headEnd.changeKey(1, DEFAULT_KEY, USER_KEY);
            assertTrue(key.toString(), key.success());
        }
        // transferred; the installation tasks then run again, encrypted (P2 §8.3.1.1), and find the key in use
        advanceUntil(time, () -> master.channel(Channel.of(1)).keyStatus()
                == org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED
                || master.channel(Channel.of(1)).keyStatus() == org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE);
        time.advance(Duration.between(time.now(), FIRST_HOUR.plus(Duration.ofMinutes(3))));
        assertEquals(org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, master.channel(Channel.of(1)).keyStatus());
    }

    P2Master master() throws InterruptedException {
        return service(P2Master.class);
    }

    void update(String pid, Object... keysAndValues) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        configAdmin.getConfiguration(pid, "?").update(properties);
    }

    <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(type.getSimpleName() + " within 30 s", service);
            return service;
        } finally {
            tracker.close();
        }
    }

    /**
     * The P3 server opens its port once the master and COSEM objects are up, and restarts with them while Config Admin
     * delivers the configuration (closing what it accepted): retry a refused or closed connection for 30 s.
     */
    HeadEndClient connect() throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return HeadEndClient.connect(settings);
            } catch (HeadEndException e) {
                boolean restarting = e.kind() == HeadEndException.Kind.CONNECTION_REFUSED
                        || e.kind() == HeadEndException.Kind.CONNECTION_LOST;
                if (!restarting || attempt >= 300) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Runs the virtual clock in one-second steps until {@code done} holds (at most 30 virtual minutes). */
    static void advanceUntil(VirtualScheduler time, BooleanSupplier done) {
        for (int i = 0; i < 1800 && !done.getAsBoolean(); i++) {
            time.advance(Duration.ofSeconds(1));
        }
        assertTrue("done within 30 virtual minutes", done.getAsBoolean());
    }
}
