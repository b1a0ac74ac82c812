package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;
import org.p2gate.headend.ChannelSetup;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndException;
import org.p2gate.headend.HeadEndSettings;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.mbus.security.AesKey;

/** The README's run command, {@code ./p2gate run}, as a separate process: start, banner, stop. */
public class RuntimeLaunchIT {

    private static final Pattern ACTIVE = Pattern.compile("bundles +(\\d+) of (\\d+) active after (\\d+) ms");
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);
    /** The JVM's exit code after SIGTERM once the shutdown hook has run: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    private Path dir;

    @Before
    public void freshFolders() throws IOException {
        dir = Path.of(System.getProperty("p2gate.test.dir"), "launch").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void runStartsEveryBundlePrintsTheBannerAndStopsCleanlyOnSigterm() throws Exception {
        Path data = dir.resolve("data");
        Path conf = dir.resolve("conf");
        try (RunningGateway gateway = RunningGateway.start("--data", data.toString(), "--conf", conf.toString())) {
            Matcher active = gateway.awaitLine(ACTIVE, START);
            assertEquals("all bundles active", active.group(2), active.group(1));
            assertEquals("bundles in the runtime", Integer.toString(shippedBundles()), active.group(2));
            gateway.awaitLine(Pattern.compile("config +" + Pattern.quote(conf.toString())), START);
            gateway.awaitLine(Pattern.compile("data +" + Pattern.quote(data.toString())), START);
            gateway.awaitLine(Pattern.compile("gateway: .*org\\.p2gate\\.mbus"), START);
            assertTrue("the configuration folder is created", Files.isDirectory(conf));

            assertEquals(SIGTERM_EXIT, gateway.terminate(STOP));
            assertTrue(gateway.output(), gateway.output().contains("p2gate stopped"));
            assertFalse(gateway.output(), gateway.output().contains("ERROR"));
        }
        String log = Files.readString(data.resolve("log/p2gate.log"));
        assertTrue("the rotating log file has the banner", log.contains("of " + shippedBundles() + " active after"));
        assertTrue("and the stop", log.contains("p2gate stopped"));
    }

    @Test
    public void theEmbeddedDefaultServesP3WithKeysOfItsOwnThatTheHeadEndFileHolds() throws Exception {
        Path conf = dir.resolve("conf");
        try (RunningGateway gateway = RunningGateway.start("--data", dir.resolve("data").toString(), "--conf",
                conf.toString())) {
            gateway.awaitLine(ACTIVE, START);
            Properties keys = new Properties();
            try (var in = Files.newInputStream(conf.resolve("p3-keys.properties"))) {
                keys.load(in);
            }
            HeadEndSettings settings = HeadEndSettings.management("localhost", 4059,
                    new SecurityKeys(HexFormat.of().parseHex(keys.getProperty("client.system.title")),
                            AesKey.fromHex(keys.getProperty("authentication.key")),
                            AesKey.fromHex(keys.getProperty("block.cipher.key"))));
            ChannelSetup setup = null;
            for (int attempt = 0; attempt < 100 && setup == null; attempt++) {
                try (HeadEndClient headEnd = HeadEndClient.connect(settings)) {
                    setup = headEnd.channelSetup(1);
                } catch (HeadEndException e) {
                    if (e.kind() != HeadEndException.Kind.CONNECTION_REFUSED) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            assertNotNull("the P3 server answered within 10 s", setup);
            assertEquals("channel 1 is bound to the simulated gas meter at address 5", 5, setup.primaryAddress());
            assertFalse("no key in the gateway's output", gateway.output().contains(keys.getProperty("authentication.key"))
                    || gateway.output().contains(keys.getProperty("block.cipher.key")));
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("the key files are the owner's only", "rw-------", java.nio.file.attribute.PosixFilePermissions
                    .toString(Files.getPosixFilePermissions(conf.resolve("p3-keys.properties"))));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions
                    .toString(Files.getPosixFilePermissions(conf.resolve("org.p2gate.p3.config"))));
        }
    }

    @Test
    public void secondStartKeepsTheInstalledBundles() throws Exception {
        Path data = dir.resolve("data");
        for (int run = 1; run <= 2; run++) {
            try (RunningGateway gateway = RunningGateway.start("--data", data.toString(), "--conf", dir.resolve("conf").toString())) {
                Matcher active = gateway.awaitLine(ACTIVE, START);
                assertEquals("run " + run, active.group(2), active.group(1));
                assertEquals(SIGTERM_EXIT, gateway.terminate(STOP));
                assertFalse("run " + run + " updates nothing: " + gateway.output(), gateway.output().contains("updated "));
            }
        }
        Properties digests = new Properties();
        try (var in = Files.newInputStream(data.resolve("runtime-bundles.properties"))) {
            digests.load(in);
        }
        assertEquals("one digest per embedded bundle", shippedBundles(), digests.size());
    }

    @Test
    public void aSecondGatewayOnTheSameDataFolderIsRefused() throws Exception {
        Path data = dir.resolve("data");
        try (RunningGateway first = RunningGateway.start("--data", data.toString(), "--conf", dir.resolve("conf").toString());
                RunningGateway second = startSecondWhenFirstIsUp(first, data)) {
            assertEquals(1, second.awaitExit(STOP));
            assertTrue(second.output(), second.output().contains("the data folder " + data + " is in use by another p2gate"));
            assertEquals(SIGTERM_EXIT, first.terminate(STOP));
        }
    }

    @Test
    public void unknownOptionIsRefusedWithUsage() throws Exception {
        try (RunningGateway gateway = RunningGateway.start("--port", "1")) {
            assertEquals(2, gateway.awaitExit(STOP));
            assertTrue(gateway.output(), gateway.output().contains("p2gate: unknown option '--port'"));
            assertTrue(gateway.output(), gateway.output().contains("usage: java -jar p2gate-runtime.jar"));
        }
    }

    /** The bundle jars the runtime embeds (the build copies them to target/classes/bundles). */
    private static int shippedBundles() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("p2gate.runtime.bundles")))) {
            return (int) jars.filter(p -> p.toString().endsWith(".jar")).count();
        }
    }

    private RunningGateway startSecondWhenFirstIsUp(RunningGateway first, Path data) throws Exception {
        first.awaitLine(ACTIVE, START);
        return RunningGateway.start("--data", data.toString(), "--conf", dir.resolve("conf2").toString());
    }
}
