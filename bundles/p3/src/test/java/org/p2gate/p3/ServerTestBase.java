package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A running server on an ephemeral port with the test device; every log line is kept and checked for key bytes. */
abstract class ServerTestBase {

    @TempDir
    Path state;
    TestDevice device;
    P3Server server;
    ListAppender<ILoggingEvent> log;

    @BeforeEach
    void startServer() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger("org.p2gate.p3")).addAppender(log);
        device = new TestDevice();
        server = P3Server.start(device, settings(state));
    }

    static P3Settings settings(Path state) {
        return P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, state).withPort(0)
                .withInactivityTimeout(Duration.ofSeconds(30));
    }

    TestClient management(long invocationCounter) throws Exception {
        return TestClient.managementClient(server.port(), Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, invocationCounter);
    }

    TestClient publicClient() throws Exception {
        return TestClient.publicClient(server.port());
    }

    List<String> logLines() {
        synchronized (log) { // other threads append while the test reads (AppenderBase.doAppend holds it)
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
        ((Logger) LoggerFactory.getLogger("org.p2gate.p3")).detachAppender(log);
        assertFalse(device.overlapped, "the server called the device from two threads at once");
        for (String line : logLines()) {
            for (var key : List.of(Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, Keys.OTHER_KEY)) {
                String hex = HexFormat.of().formatHex(key.exportBytes());
                assertFalse(line.toLowerCase(Locale.ROOT).contains(hex), "a key appears in the log: " + line);
            }
        }
    }
}
