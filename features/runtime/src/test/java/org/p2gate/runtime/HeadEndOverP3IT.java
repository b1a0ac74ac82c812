package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.headend.ChannelSetup;
import org.p2gate.headend.EncryptionKeyStatus;
import org.p2gate.headend.EventEntry;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndException;
import org.p2gate.headend.HeadEndSettings;
import org.p2gate.headend.KeyTransferResult;
import org.p2gate.headend.MeterValue;
import org.p2gate.headend.MethodResult;
import org.p2gate.headend.ProfileRow;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.master.Channel;
import org.p2gate.master.P2Master;
import org.p2gate.mbus.security.AesKey;

/**
 * Issue 6, end to end in the runtime: the embedded default on a virtual clock with one unconfigured
 * simulated gas meter (address 0), the P3 server on the master's COSEM objects, and the head-end library
 * as the operator uses it. The head-end installs the meter with slave_install (P2 §8.3.1.2), transfers its
 * user key (transfer_key then set_encryption_key, §6.5.1), and after the next virtual hour reads the
 * encrypted hourly value back over P3 with its value, scaler/unit and capture time; profile and event log
 * show the history.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HeadEndOverP3IT {

    private static final String PORT_PROPERTY = "p2gate.test.p3.port";
    /** Two minutes before the whole hour: the next poll (90 s after 23:00) reads the 23:00 value. */
    private static final Instant START = Instant.parse("2026-11-20T22:58:00Z");
    private static final String AUTHENTICATION_KEY = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";
    private static final String BLOCK_CIPHER_KEY = "000102030405060708090A0B0C0D0E0F";
    /** The simulated meters' default key (MeterSpec.DEFAULT_KEY, P2 Appendix B). */
    private static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    private static final AesKey USER_KEY = AesKey.fromHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        Path conf = InFramework.testDir("p3").resolve("conf");
        return Stream.concat(Stream.of(RuntimeBundleSet.options(symbolicName -> true, conf)),
                Stream.of(bundle(Path.of(System.getProperty("p2gate.headend.bundle")).toUri().toString()),
                        frameworkProperty(PORT_PROPERTY).value(Integer.toString(freePort()))))
                .toArray(Option[]::new);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void theHeadEndInstallsAMeterTransfersItsKeyAndReadsTheEncryptedHourlyValue() throws Exception {
        int port = Integer.parseInt(context.getProperty(PORT_PROPERTY));
        VirtualScheduler time = configure(port);
        P2Master master = service(P2Master.class);
        HeadEndSettings settings = HeadEndSettings.management("localhost", port, new SecurityKeys(
                HexFormat.of().parseHex("48454144454E4431"), AesKey.fromHex(AUTHENTICATION_KEY),
                AesKey.fromHex(BLOCK_CIPHER_KEY)));

        // slave_install: one scan cycle; the unconfigured device gets address 1 and is installed
        try (HeadEndClient headEnd = connect(settings)) {
            MethodResult install = headEnd.slaveInstall(1);
            assertTrue(install.toString(), install.success());
        }
        advanceUntil(time, () -> master.channel(Channel.of(1)).device().isPresent()
                && !master.channel(Channel.of(1)).versionProperties().isEmpty());
        try (HeadEndClient headEnd = connect(settings)) {
            ChannelSetup setup = headEnd.channelSetup(1);
            assertTrue(setup.toString(), setup.bound());
            assertEquals(1, setup.primaryAddress());
            assertEquals("31000001", setup.serialNumber());
            assertEquals("NET", setup.manufacturer());
            assertEquals(3, setup.deviceType());

            // the key: key_data = AES-ECB(default key, user key), transfer_key, then set_encryption_key
            KeyTransferResult key = headEnd.changeKey(1, DEFAULT_KEY, USER_KEY);
            assertTrue(key.toString(), key.success());
        }
        // transferred; the installation tasks then run again, encrypted (P2 §8.3.1.1), and find the key in use
        advanceUntil(time, () -> master.channel(Channel.of(1)).keyStatus()
                == org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED
                || master.channel(Channel.of(1)).keyStatus() == org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE);

        // the next hour: the poll reads the meter in mode 15 with the new key
        Instant hour = START.plus(Duration.ofMinutes(2));
        time.advance(Duration.between(time.now(), hour.plus(Duration.ofMinutes(3))));
        try (HeadEndClient headEnd = connect(settings)) {
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, headEnd.channelSetup(1).encryptionKeyStatus().orElseThrow());
            MeterValue value = headEnd.value(1);
            // MeterSpec gas: 1000 l at its register origin and 250 l/h more
            assertEquals(0, SimulatedGas.volumeAt(hour).compareTo(value.value()));
            assertEquals(-3, value.scaler());
            assertEquals(13, value.unitCode());
            assertEquals(hour, value.captureTime().orElseThrow());

            List<ProfileRow> profile = headEnd.profile(1, hour.minus(Duration.ofHours(2)), hour);
            assertEquals(profile.toString(), List.of(hour.minus(Duration.ofHours(1)), hour),
                    profile.stream().map(ProfileRow::clock).toList());
            assertEquals(0, SimulatedGas.volumeAt(hour.minus(Duration.ofHours(1))).compareTo(profile.get(0).value()));
            assertEquals(0, SimulatedGas.volumeAt(hour).compareTo(profile.get(1).value()));

            List<Integer> codes = headEnd.events().stream().map(EventEntry::code).toList();
            assertTrue("105 new M-Bus device discovered, 104 clock adjusted on channel 1: " + codes,
                    codes.containsAll(List.of(105, 104)));
        }
        assertTrue("the master validated a mode-15 frame counter",
                master.channel(Channel.of(1)).lastValidatedFrameCounter().isPresent());
    }

    /** The runtime on the virtual clock, one simulated gas meter at address 0, the master and the P3 server. */
    private VirtualScheduler configure(int port) throws Exception {
        Path dir = InFramework.testDir("p3").resolve("run-" + System.nanoTime());
        update("org.p2gate.clock", "mode", "virtual", "virtual.start", START.toString());
        VirtualScheduler time = service(VirtualScheduler.class);
        update("org.p2gate.simulator", "enabled", Boolean.TRUE, "meters", new String[] {"gas@0"});
        update("org.p2gate.master", "wired.port", "simulator", "store.folder", dir.resolve("master").toString());
        update("org.p2gate.p3", "port", port, "system.title", "5032474154453031",
                "management.authentication.key", AUTHENTICATION_KEY, "management.block.cipher.key", BLOCK_CIPHER_KEY,
                "state.folder", dir.resolve("p3").toString());
        return time;
    }

    private void update(String pid, Object... keysAndValues) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        configAdmin.getConfiguration(pid, "?").update(properties);
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(type.getSimpleName() + " within 30 s", service);
        return service;
    }

    /** The P3 server opens its port once the master and COSEM objects are up: retry a refused connection for 30 s. */
    private static HeadEndClient connect(HeadEndSettings settings) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return HeadEndClient.connect(settings);
            } catch (HeadEndException e) {
                if (e.kind() != HeadEndException.Kind.CONNECTION_REFUSED || attempt >= 300) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Runs the virtual clock in one-second steps until {@code done} holds (at most 30 virtual minutes). */
    private static void advanceUntil(VirtualScheduler time, BooleanSupplier done) {
        for (int i = 0; i < 1800 && !done.getAsBoolean(); i++) {
            time.advance(Duration.ofSeconds(1));
        }
        assertTrue("done within 30 virtual minutes", done.getAsBoolean());
    }
}
