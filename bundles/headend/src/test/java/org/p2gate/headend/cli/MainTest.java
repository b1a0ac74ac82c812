package org.p2gate.headend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gurux.dlms.enums.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.testing.TestVectors;
import org.p2gate.headend.testserver.DeviceModel;
import org.p2gate.headend.testserver.TestP3Server;

/** {@code ./p2gate headend}: arguments, exit codes, text and JSON output, and that no key is ever printed. */
class MainTest {

    private static final String AK = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";
    private static final String EK = "000102030405060708090A0B0C0D0E0F";
    private static final String USER_KEY = "A1A2A3A4A5A6A7A8A9AAABACADAEAFB0";
    private static final String DEFAULT_KEY = "00112233445566778899AABBCCDDEEFF";

    private static TestP3Server server;
    private static final List<String> allOutput = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new TestP3Server(new DeviceModel(), HexFormat.of().parseHex(AK), HexFormat.of().parseHex(EK), 500);
        Files.writeString(dir.resolve("p3.properties"), "authentication.key=" + AK + "\nblock.cipher.key=" + EK
                + "\nclient.system.title=4845443030303031\n");
        Files.writeString(dir.resolve("user.key"), USER_KEY + "\n");
        Files.writeString(dir.resolve("default.key"), DEFAULT_KEY + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        // keys never appear in any output of any test of this class (stdout or stderr)
        String keyData = HexFormat.of().withUpperCase().formatHex(org.p2gate.mbus.security.KeyWrap.wrap(
                org.p2gate.mbus.security.AesKey.fromHex(DEFAULT_KEY), org.p2gate.mbus.security.AesKey.fromHex(USER_KEY)));
        for (String output : allOutput) {
            String upper = output.toUpperCase(Locale.ROOT).replace(" ", "");
            for (String key : List.of(AK, EK, USER_KEY, DEFAULT_KEY, keyData)) {
                assertFalse(upper.contains(key), "a key was printed: " + output);
            }
        }
        assertFalse(allOutput.isEmpty());
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        allOutput.add(run.out() + run.err());
        return run;
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static String[] management(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", String.valueOf(server.port()), "--keys", dir.resolve("p3.properties").toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void usageErrorsExitTwoWithTheUsage() {
        for (String[] args : List.of(new String[] {}, new String[] {"frobnicate"}, new String[] {"install"},
                new String[] {"read", "--channel", "9"}, new String[] {"read", "--port"},
                new String[] {"profile", "--channel", "1"}, new String[] {"profile", "--channel", "1", "--entries", "5..2"},
                new String[] {"bind", "--channel", "2"}, new String[] {"read", "--client", "admin"},
                new String[] {"events", "--channel", "1"})) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args));
            assertTrue(run.err().contains("usage: ./p2gate headend"), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void keysOnTheCommandLineAreRefused() {
        Run run = run("transfer-key", "--channel", "1", "--user-key", USER_KEY);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("never taken on the command line"), run.err());
    }

    @Test
    void managementWithoutKeysIsAUsageError() {
        Run run = run("install", "--channel", "1", "--client", "management", "--port", String.valueOf(server.port()));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--keys FILE"), run.err());
    }

    @Test
    void readJsonHasTheDocumentedFields() throws Exception {
        Run run = run(management("read", "--channel", "1", "--json"));
        assertEquals(0, run.exit(), run.err());
        JsonNode channel = run.json().path("channels").get(0);
        assertEquals(1, channel.path("channel").asInt());
        assertEquals("E0003100012345678", channel.path("equipmentIdentifier").asText());
        JsonNode setup = channel.path("setup");
        assertEquals("12345678", setup.path("serialNumber").asText());
        assertEquals("NET", setup.path("manufacturer").asText());
        assertEquals(5, setup.path("primaryAddress").asInt());
        assertEquals("FD17", setup.path("captureDefinition").get(1).path("vib").asText());
        assertEquals("encryption key in use", setup.path("encryptionKeyStatusText").asText());
        JsonNode value = channel.path("value");
        assertEquals(0, new BigDecimal("1234.567").compareTo(value.path("value").decimalValue()));
        assertEquals(-3, value.path("scaler").asInt());
        assertEquals("m³", value.path("unit").asText());
        assertEquals(DeviceModel.VALUE_CAPTURED.toString(), value.path("captureTime").asText());
    }

    @Test
    void readAllChannelsReportsChannelsTheGatewayLacks() throws Exception {
        Run run = run(management("read", "--json"));
        assertEquals(0, run.exit(), run.err());
        JsonNode channels = run.json().path("channels");
        assertEquals(4, channels.size());
        assertEquals("OBJECT_MISSING", channels.get(2).path("error").path("kind").asText());
        assertEquals(0, new BigDecimal("4200").compareTo(channels.get(1).path("value").path("value").decimalValue()));
    }

    @Test
    void readTextShowsValueWithUnit() throws Exception {
        Run run = run(management("read", "--channel", "1"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("1234.567 m³"), run.out());
        assertTrue(run.out().contains("NET 12345678"), run.out());
    }

    @Test
    void readAsThePublicClientShowsTheDeviceIdentityOnly() {
        server.clearRequests();
        Run run = run("read", "--channel", "1", "--port", String.valueOf(server.port()));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("NET 12345678, version 20, device type 3, primary address 5"), run.out());
        assertTrue(run.out().contains("E0003100012345678"), run.out());
        assertFalse(run.out().contains("m³"), "no value for the public client: " + run.out());
        List<Integer> read = server.requests().stream().filter(r -> r.logicalName().equals("0.1.24.1.0.255"))
                .map(r -> r.index()).toList();
        assertEquals(List.of(5, 6, 7, 8, 9), read, "only the attributes the public client may read");
    }

    @Test
    void profileByEntriesAndByRange() throws Exception {
        Run entries = run(management("profile", "--channel", "1", "--entries", "2..3", "--json"));
        assertEquals(0, entries.exit(), entries.err());
        JsonNode rows = entries.json().path("rows");
        assertEquals(2, rows.size());
        assertEquals(DeviceModel.profileClock(2).toString(), rows.get(0).path("clock").asText());
        assertEquals(0, new BigDecimal("1000.020").compareTo(rows.get(0).path("value").decimalValue()));
        assertTrue(entries.out().contains("\"value\":1000.020,"), "the scale of the meter is kept: " + entries.out());
        Run range = run(management("profile", "--channel", "1", "--from", DeviceModel.profileClock(10).toString(),
                "--to", DeviceModel.profileClock(13).toString(), "--json"));
        assertEquals(0, range.exit(), range.err());
        assertEquals(4, range.json().path("rows").size());
    }

    @Test
    void eventsJsonHasTimeCodeMeaningChannel() throws Exception {
        Run run = run(management("events", "--json"));
        assertEquals(0, run.exit(), run.err());
        JsonNode first = run.json().path("events").get(0);
        assertEquals(105, first.path("code").asInt());
        assertEquals(1, first.path("channel").asInt());
        assertEquals("new M-Bus device discovered on channel 1", first.path("meaning").asText());
    }

    @Test
    void transferKeyFromKeyFilesSendsTheVectorsKeyData() throws Exception {
        server.clearRequests();
        var vector = TestVectors.verifiedById("dsmr-b1.1-user-key-encryption");
        Run run = run(Map.of("P2GATE_USER_KEY", vector.path("inputs").path("user_key").asText()),
                management("transfer-key", "--channel", "1", "--default-key-file",
                        dir.resolve("default.key").toString(), "--json"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.json().path("success").asBoolean());
        assertEquals("transfer_key", run.json().path("transferKey").path("method").asText());
        assertEquals("set_encryption_key", run.json().path("setEncryptionKey").path("method").asText());
        var actions = server.requests().stream().filter(r -> r.service().equals("ACTION")).toList();
        assertEquals(vector.path("expected").path("encrypted_user_key").asText(),
                HexFormat.of().withUpperCase().formatHex((byte[]) actions.get(0).value()));
    }

    @Test
    void transferKeyWithUserKeyFile() {
        Run run = run(management("transfer-key", "--channel", "1", "--user-key-file", dir.resolve("user.key").toString(),
                "--default-key-file", dir.resolve("default.key").toString()));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("transfer_key done"), run.out());
    }

    @Test
    void refusedMethodExitsOneAndSaysWhy() throws Exception {
        server.answerAction("0.1.24.1.0.255", 5, ErrorCode.TEMPORARY_FAILURE);
        try {
            Run run = run(management("set-clock", "--channel", "1", "--json"));
            assertEquals(1, run.exit());
            assertEquals("temporary-failure", run.json().path("result").asText());
            assertFalse(run.json().path("success").asBoolean());
        } finally {
            server.answerAction("0.1.24.1.0.255", 5, ErrorCode.OK);
        }
    }

    @Test
    void everyMethodCommandInvokesItsMethod() {
        server.clearRequests();
        for (String command : List.of("install", "deinstall", "capture", "reset-alarm", "set-clock")) {
            String[] args = command.equals("capture") ? management(command, "--channel", "1", "--wait", "0")
                    : management(command, "--channel", "1");
            assertEquals(0, run(args).exit(), command);
        }
        assertEquals(List.of(1, 2, 3, 4, 5), server.requests().stream().filter(r -> r.service().equals("ACTION"))
                .map(TestP3Server.Request::index).toList());
    }

    @Test
    void captureWithoutWaitingSaysItOnlyKnowsTheReadWasQueued() {
        Run run = run(management("capture", "--channel", "1", "--wait", "0"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("capture queued by the gateway (not watched"), run.out());
        assertFalse(run.out().contains("capture done"), run.out());
    }

    @Test
    void captureAfterWhichNoNewAnswerIsSeenSaysSoAndFails() throws Exception {
        // the scripted gateway's channel never changes: no new access number, no new capture time, no new event
        Run run = run(management("capture", "--channel", "1", "--wait", "1", "--json"));
        assertEquals(1, run.exit(), run.out());
        assertEquals("not-seen", run.json().path("outcome").asText());
        assertEquals(0, run.json().path("events").size());
        Run text = run(management("capture", "--channel", "1", "--wait", "1"));
        assertTrue(text.out().contains("no new answer from the device was accepted within 1 s"), text.out());
    }

    @Test
    void captureRefusedByTheGatewayIsReportedAsRefused() throws Exception {
        server.answerAction("0.1.24.1.0.255", 3, ErrorCode.TEMPORARY_FAILURE);
        try {
            Run run = run(management("capture", "--channel", "1", "--json"));
            assertEquals(1, run.exit(), run.out());
            assertEquals("refused", run.json().path("outcome").asText());
        } finally {
            server.answerAction("0.1.24.1.0.255", 3, ErrorCode.OK);
        }
    }

    @Test
    void bindWritesTheShortId() throws Exception {
        server.clearRequests();
        Run run = run(management("bind", "--channel", "2", "--short-id", "87654321,NET,0x14,3", "--json"));
        assertEquals(0, run.exit(), run.err());
        assertEquals("87654321", run.json().path("shortId").path("identificationNumber").asText());
        assertEquals(4, server.requests().stream().filter(r -> r.service().equals("SET")).count());
    }

    @Test
    void connectionRefusedExitsThree() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run("read", "--port", String.valueOf(port), "--json");
        assertEquals(3, run.exit());
        assertEquals("CONNECTION_REFUSED", run.json().path("error").path("kind").asText());
        assertTrue(run.err().contains("nothing listens"), run.err());
    }

    @Test
    void wrongKeysExitThreeAsAuthenticationFailed() throws Exception {
        Path wrong = dir.resolve("wrong.properties");
        Files.writeString(wrong, "authentication.key=" + "F".repeat(32) + "\nblock.cipher.key=" + EK
                + "\nclient.system.title=4845443030303031\n");
        Run run = run("read", "--port", String.valueOf(server.port()), "--keys", wrong.toString(), "--json");
        assertEquals(3, run.exit());
        assertEquals("AUTHENTICATION_FAILED", run.json().path("error").path("kind").asText());
    }

    @Test
    void malformedKeyFileNamesThePropertyNotTheKey() throws Exception {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "authentication.key=" + AK.substring(0, 30) + "ZZ\nblock.cipher.key=" + EK
                + "\nclient.system.title=4845443030303031\n");
        Run run = run("read", "--keys", bad.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("authentication.key"), run.err());
    }
}
