package org.p2gate.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.publish.PublishCursor;
import org.slf4j.LoggerFactory;

/**
 * A broker that refuses the gateway: a wrong password (CONNACK 5, MQTT 3.1.1 §3.2.2.3), a TLS certificate the gateway
 * does not trust. Each gives one clear log line per attempt, a counter, retries with backoff, no crash; and the
 * readings are published once the setting is right. A real Mosquitto with a password file and a TLS listener whose
 * certificate openssl makes.
 */
class BrokerRefusalTest {

    private static final String USER = "gateway";
    private static final String PASSWORD = "right-password";

    @TempDir
    static Path folder;
    @TempDir
    Path data;
    private static Mosquitto broker;
    private static int tlsPort;
    private static Path trusted;
    private static Path untrusted;
    private ListAppender<ILoggingEvent> log;

    @BeforeAll
    static void startBroker() throws Exception {
        Mosquitto.assumeInstalled();
        certificate("broker");
        certificate("stranger");
        trusted = trustStore("broker");
        untrusted = trustStore("stranger");
        Path passwords = folder.resolve("passwords");
        run(Mosquitto.executable("mosquitto_passwd").orElseThrow().toString(), "-b", "-c", passwords.toString(),
                USER, PASSWORD);
        tlsPort = Mosquitto.freePort();
        broker = Mosquitto.start(folder, "allow_anonymous false\npassword_file " + passwords + "\n"
                + "listener " + tlsPort + " 127.0.0.1\ncertfile " + folder.resolve("broker.pem") + "\nkeyfile "
                + folder.resolve("broker.key") + "\n");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(BrokerConnection.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(BrokerConnection.class)).detachAppender(log);
    }

    /** A self-signed certificate for 127.0.0.1 by openssl: NAME.pem and NAME.key. */
    private static void certificate(String name) throws Exception {
        boolean openssl = Mosquitto.executable("openssl").isPresent();
        if (!openssl && "true".equals(System.getenv("CI"))) {
            fail("openssl is missing: the TLS test needs it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(openssl, "openssl is not installed: no TLS test here");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder.resolve(name + ".key").toString(),
                "-out", folder.resolve(name + ".pem").toString());
    }

    /** A PKCS12 trust store with the certificate NAME.pem. */
    private static Path trustStore(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream pem = new FileInputStream(folder.resolve(name + ".pem").toFile())) {
            store.setCertificateEntry(name, CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        Path file = folder.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, new char[0]);
        }
        return file;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private MqttPublishing start(String uri, String prefix, Optional<String> password, Optional<Path> trustStore) {
        TestMaster master = new TestMaster(Instant.parse("2024-03-01T00:00:00Z"));
        master.nextHour();
        MqttPublishing publishing = MqttPublishing.start(MqttPublishingTest.settings(uri, prefix, Optional.of(USER),
                password, trustStore), MqttPublishingTest.every(Duration.ofMillis(200), 10),
                PublishCursor.open(data.resolve(prefix + "/cursor.properties")));
        publishing.master(Optional.of(master));
        return publishing;
    }

    private List<String> warnings() {
        // the client's thread appends while the test reads: AppenderBase.doAppend holds the appender's monitor
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void aWrongPasswordIsLoggedCountedAndRetriedUntilTheRightOneComes() throws Exception {
        try (MqttPublishing wrong = start(broker.uri("tcp"), "auth", Optional.of("wrong-password"),
                Optional.empty())) {
            assertTrue(MqttPublishingTest.await(
                    () -> wrong.connection().connectFailures(ConnectFailure.AUTHENTICATION) >= 2, 15),
                    "retried: " + warnings());
            assertFalse(wrong.connection().connected());
            assertEquals(0, wrong.publisher().valuesPublished());
            assertTrue(warnings().stream().anyMatch(w -> w.contains("cannot connect, the broker refused the user "
                    + "name or password") && w.contains("retrying in")), warnings().toString());
            assertFalse(warnings().stream().anyMatch(w -> w.contains("wrong-password")), "a password in the log");
        }
        try (Subscriber platform = new Subscriber(broker.uri("tcp"), "auth/channel/#", USER, PASSWORD);
                MqttPublishing right = start(broker.uri("tcp"), "auth", Optional.of(PASSWORD), Optional.empty())) {
            assertEquals(1, platform.awaitUntil(r -> !r.isEmpty(), 10).size(), "the value waited on the cursor");
            assertEquals(1, right.connection().connects());
        }
    }

    @Test
    void aBrokerCertificateThatIsNotTrustedIsAtlsFailureLoggedCountedAndRetried() throws Exception {
        try (MqttPublishing distrusting = start("ssl://127.0.0.1:" + tlsPort, "tls", Optional.of(PASSWORD),
                Optional.of(untrusted))) {
            assertTrue(MqttPublishingTest.await(
                    () -> distrusting.connection().connectFailures(ConnectFailure.TLS) >= 2, 15),
                    "retried: " + warnings());
            assertFalse(distrusting.connection().connected());
            assertTrue(warnings().stream().anyMatch(w -> w.contains("cannot connect, TLS handshake failed")),
                    warnings().toString());
        }
        try (MqttPublishing trusting = start("ssl://127.0.0.1:" + tlsPort, "tls", Optional.of(PASSWORD),
                Optional.of(trusted))) {
            assertTrue(MqttPublishingTest.await(() -> trusting.publisher().valuesPublished() == 1, 15),
                    "published over TLS: " + warnings());
        }
    }

    @Test
    void aTrustStoreThatCannotBeReadIsATlsFailureNotACrash() throws Exception {
        Path garbage = Files.writeString(data.resolve("garbage.p12"), "not a key store");
        try (MqttPublishing broken = start("ssl://127.0.0.1:" + tlsPort, "garbage", Optional.of(PASSWORD),
                Optional.of(garbage))) {
            assertTrue(MqttPublishingTest.await(
                    () -> broken.connection().connectFailures(ConnectFailure.TLS) >= 1, 10));
            assertTrue(warnings().stream().anyMatch(w -> w.contains("cannot read the trust store " + garbage)),
                    warnings().toString());
        }
    }
}
