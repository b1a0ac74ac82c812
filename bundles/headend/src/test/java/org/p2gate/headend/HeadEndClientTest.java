package org.p2gate.headend;

import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gurux.dlms.enums.ErrorCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2gate.headend.testserver.Axdr;
import org.p2gate.headend.testserver.DeviceModel;
import org.p2gate.headend.testserver.TestP3Server.Request;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.testing.TestVectors;

/** The head-end library against the test-scope Gurux secure server over real TCP. */
class HeadEndClientTest {

    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void clear() {
        fixture.server.clearRequests();
        for (int method = 1; method <= 8; method++) {
            fixture.server.answerAction("0.1.24.1.0.255", method, ErrorCode.OK);
        }
    }

    private static List<Request> actions() {
        return fixture.server.requests().stream().filter(r -> r.service().equals("ACTION")).toList();
    }

    @Test
    void channelSetupHasEveryClass72AttributeWithSerialAndManufacturerDecoded() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.publicClient())) {
            ChannelSetup setup = client.channelSetup(1);
            assertEquals("0.0.24.6.0.255", setup.mbusPortReference());
            assertEquals(List.of(new CaptureDefinition("0C", "13"), new CaptureDefinition("04", "FD17")),
                    setup.captureDefinition());
            assertEquals(3600, setup.capturePeriod());
            assertEquals(5, setup.primaryAddress());
            assertEquals("12345678", setup.serialNumber());
            assertEquals("NET", setup.manufacturer());
            assertEquals(0x14, setup.version());
            assertEquals(3, setup.deviceType());
            assertEquals(42, setup.accessNumber());
            assertEquals(0x10, setup.status());
            assertEquals(0x02, setup.alarm());
            assertEquals(0x0101, setup.configuration());
            assertEquals(Optional.of(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE), setup.encryptionKeyStatus());
            assertTrue(setup.bound());
            assertFalse(client.channelSetup(2).bound(), "channel 2 has identification number and address 0");
        }
        List<Integer> read = fixture.server.requests().stream()
                .filter(r -> r.logicalName().equals("0.1.24.1.0.255")).map(Request::index).toList();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), read);
    }

    @Test
    void valueIsTheRawValueTimesTenToTheScalerExactly() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            MeterValue gas = client.value(1);
            assertEquals(new BigDecimal("1234.567"), gas.value(), "scaler -3 keeps three decimals, exactly");
            assertEquals(-3, gas.scaler());
            assertEquals(13, gas.unitCode());
            assertEquals("m³", gas.unit());
            assertEquals(Optional.of(DeviceModel.VALUE_CAPTURED), gas.captureTime());
            MeterValue other = client.value(2);
            assertEquals(0, new BigDecimal("4200").compareTo(other.value()));
            assertEquals("Wh", other.unit());
            assertEquals(4, other.status());
            assertEquals(Optional.empty(), other.captureTime(), "an unspecified date-time is no capture time");
            assertEquals("E0003100012345678", client.equipmentIdentifier(1));
            assertEquals(DeviceModel.CLOCK, client.clock());
        }
    }

    @Test
    void profileByEntrySendsStandardOneBasedFromAndToEntries() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            List<ProfileRow> rows = client.profileEntries(1, 2, 4);
            assertEquals(3, rows.size());
            for (int i = 0; i < 3; i++) {
                int entry = i + 2;
                assertEquals(DeviceModel.profileClock(entry), rows.get(i).clock());
                assertEquals(BigDecimal.valueOf(DeviceModel.profileRaw(entry), 3), rows.get(i).value());
                assertEquals(Optional.of(DeviceModel.profileClock(entry).minusSeconds(300)), rows.get(i).captureTime());
            }
            assertEquals(DeviceModel.PROFILE_ENTRIES, client.profileEntries(1, 1, 0).size(),
                    "to_entry 0 = up to the last, in several blocks");
        }
        List<List<?>> selections = fixture.server.requests().stream().filter(r -> r.selector() == 2)
                .<List<?>>map(r -> (List<?>) r.parameters()).toList();
        assertEquals(2, selections.size());
        // Blue Book 4.3.6 entry_descriptor {from_entry, to_entry, from_selected_value, to_selected_value}
        assertEquals(List.of(2L, 4L, 1L, 0L), selections.get(0).stream().map(v -> ((Number) v).longValue()).toList());
        assertEquals(List.of(1L, 0L, 1L, 0L), selections.get(1).stream().map(v -> ((Number) v).longValue()).toList());
    }

    @Test
    void profileByRangeRestrictsOnTheClockInUtcWithDeviationZero() throws Exception {
        Instant from = DeviceModel.profileClock(3);
        Instant to = DeviceModel.profileClock(5);
        List<ProfileRow> rows;
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            rows = client.profile(1, from, to);
        }
        assertEquals(List.of(from, DeviceModel.profileClock(4), to), rows.stream().map(ProfileRow::clock).toList());
        Request request = fixture.server.requests().stream().filter(r -> r.selector() == 1).findFirst().orElseThrow();
        List<?> range = (List<?>) request.parameters();
        List<?> restricting = (List<?>) range.get(0);
        assertEquals(8, ((Number) restricting.get(0)).intValue(), "restricting object: the clock (class 8)");
        assertArrayEquals(new byte[] {0, 0, 1, 0, 0, (byte) 255}, (byte[]) restricting.get(1));
        assertEquals(2, ((Number) restricting.get(2)).intValue());
        // the JVM runs in Europe/Amsterdam: the times on the wire must still be UTC, deviation 0
        assertEquals(from, Axdr.decodeUtc((byte[]) range.get(1)));
        assertEquals(to, Axdr.decodeUtc((byte[]) range.get(2)));
    }

    @Test
    void eventLogEntriesCarryTimeCodeMeaningAndChannel() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            List<EventEntry> events = client.events();
            assertEquals(DeviceModel.EVENT_TIMES, events.stream().map(EventEntry::time).toList());
            assertEquals(DeviceModel.EVENT_CODES, events.stream().map(EventEntry::code).toList());
            assertEquals("new M-Bus device discovered on channel 1", events.get(0).meaning());
            assertEquals("communication ok on channel 2", events.get(1).meaning());
            assertEquals("permanent error on channel 4", events.get(2).meaning());
            assertEquals(4, events.get(2).channel().getAsInt());
        }
    }

    @Test
    void managementClientStartsAtTheInvocationCounterTheServerPublishes() throws Exception {
        long before = fixture.server.nextInvocationCounter();
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            // the public association read the counter, the AARQ and the HLS pass used it and the next
            assertTrue(client.invocationCounter() > before);
            client.value(1);
        }
        assertEquals(HeadEndClient.INVOCATION_COUNTER, fixture.server.requests().get(0).logicalName(),
                "the counter is read first");
        long after = fixture.server.nextInvocationCounter();
        assertTrue(after > before + 1, "the server accepted several ciphered APDUs: " + before + " -> " + after);
        try (HeadEndClient again = HeadEndClient.connect(fixture.management())) {
            assertEquals("12345678", again.channelSetup(1).serialNumber(), "a second association continues the count");
        }
        long published = fixture.server.nextInvocationCounter();
        assertTrue(published > after, "the second association was accepted with higher counters");
        assertEquals(published, HeadEndClient.readInvocationCounter(fixture.publicClient()),
                "the public association publishes the next accepted counter and does not move it");
    }

    @Test
    void associationsSharingOneCounterNeverReuseAValue() throws Exception {
        long start = HeadEndClient.readInvocationCounter(fixture.publicClient());
        InvocationCounter counter = InvocationCounter.startingAt(start);
        for (int association = 0; association < 3; association++) {
            try (HeadEndClient client = HeadEndClient.connect(fixture.management(), counter)) {
                assertEquals("12345678", client.channelSetup(1).serialNumber());
            }
        }
        long accepted = fixture.server.nextInvocationCounter();
        // three associations of an AARQ, the HLS pass and 13 GETs each, all accepted in turn (the release may take one more)
        assertTrue(accepted >= start + 3 * 15 && accepted <= counter.peek(), start + " .. " + accepted + " .. " + counter.peek());
        // without the shared counter, a session started from the same value replays it: the gateway refuses the AARQ
        assertThrows(HeadEndException.class,
                () -> HeadEndClient.connect(fixture.management(), InvocationCounter.startingAt(start)).close());
    }

    @Test
    void transferKeySendsKeyDataOfTheSharedVectorThenSetsTheUserKey() throws Exception {
        JsonNode vector = TestVectors.verifiedById("dsmr-b1.1-user-key-encryption");
        AesKey defaultKey = AesKey.fromHex(vector.path("inputs").path("default_key").asText());
        AesKey userKey = AesKey.fromHex(vector.path("inputs").path("user_key").asText());
        byte[] expectedKeyData = HexFormat.of().parseHex(vector.path("expected").path("encrypted_user_key").asText());
        KeyTransferResult result;
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            result = client.changeKey(1, defaultKey, userKey);
        }
        assertTrue(result.success());
        List<Request> actions = actions();
        assertEquals(List.of(8, 7), actions.stream().map(Request::index).toList(),
                "transfer_key (8) first, then set_encryption_key (7)");
        assertArrayEquals(expectedKeyData, (byte[]) actions.get(0).value());
        assertArrayEquals(userKey.exportBytes(), (byte[]) actions.get(1).value());
    }

    @Test
    void refusedTransferKeyIsNotFollowedBySetEncryptionKey() throws Exception {
        fixture.server.answerAction("0.1.24.1.0.255", 8, ErrorCode.TEMPORARY_FAILURE);
        KeyTransferResult result;
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            result = client.changeKey(1, AesKey.fromHex("00112233445566778899AABBCCDDEEFF"),
                    AesKey.fromHex("000102030405060708090A0B0C0D0E0F"));
        }
        assertFalse(result.success());
        assertEquals("temporary-failure", result.transferKey().result().name());
        assertEquals(Optional.empty(), result.setEncryptionKey());
        assertEquals(List.of(8), actions().stream().map(Request::index).toList());
    }

    @Test
    void class72MethodsAreInvokedWithIntegerZero() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            assertTrue(client.slaveInstall(1).success());
            assertTrue(client.slaveDeinstall(1).success());
            assertTrue(client.capture(1).success());
            assertTrue(client.resetAlarm(1).success());
            assertTrue(client.synchronizeClock(1).success());
        }
        assertEquals(List.of(1, 2, 3, 4, 5), actions().stream().map(Request::index).toList());
        assertTrue(actions().stream().allMatch(a -> a.logicalName().equals("0.1.24.1.0.255")
                && ((Number) a.value()).intValue() == 0));
    }

    @Test
    void refusedMethodIsAnAnswerWithTheDlmsResultText() throws Exception {
        fixture.server.answerAction("0.1.24.1.0.255", 1, ErrorCode.TEMPORARY_FAILURE);
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            MethodResult result = client.slaveInstall(1);
            assertFalse(result.success());
            assertEquals(2, result.result().code());
            assertTrue(result.result().text().contains("try again later"), result.result().text());
        }
    }

    @Test
    void publicClientMayNotInvokeMethods() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.publicClient())) {
            MethodResult result = client.slaveInstall(1);
            assertEquals("read-write-denied", result.result().name());
        }
        assertEquals(List.of(), actions(), "the server never executed it");
    }

    @Test
    void bindWritesPrimaryAddressOrTheFourShortIdAttributes() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            client.bindPrimaryAddress(2, 7);
            client.bindShortId(2, new ShortId(0x87654321, ManufacturerCode.of("NET"), 20, DeviceType.GAS));
        }
        List<Request> sets = fixture.server.requests().stream().filter(r -> r.service().equals("SET")).toList();
        assertEquals(List.of(5, 6, 7, 8, 9), sets.stream().map(Request::index).toList());
        assertTrue(sets.stream().allMatch(s -> s.logicalName().equals("0.2.24.1.0.255")));
        assertEquals(List.of(7L, 0x87654321L, 0x38B4L, 20L, 3L),
                sets.stream().map(s -> ((Number) s.value()).longValue()).toList());
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HeadEndException e = assertThrows(HeadEndException.class,
                () -> HeadEndClient.connect(HeadEndSettings.publicClient("localhost", port)));
        assertEquals(HeadEndException.Kind.CONNECTION_REFUSED, e.kind());
        assertTrue(e.getMessage().contains("localhost:" + port), e.getMessage());
    }

    @Test
    void silentPeerIsTimeout() throws Exception {
        try (var silent = new java.net.ServerSocket(0)) {
            HeadEndSettings settings = HeadEndSettings.publicClient("localhost", silent.getLocalPort())
                    .withTimeout(java.time.Duration.ofMillis(300));
            HeadEndException e = assertThrows(HeadEndException.class, () -> HeadEndClient.connect(settings));
            assertEquals(HeadEndException.Kind.TIMEOUT, e.kind());
        }
    }

    @Test
    void wrongAuthenticationKeyIsAuthenticationFailed() throws Exception {
        SecurityKeys wrong = new SecurityKeys(ServerFixture.CLIENT_SYSTEM_TITLE,
                AesKey.fromHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), AesKey.fromHex(ServerFixture.EK_HEX));
        HeadEndException e = assertThrows(HeadEndException.class, () -> HeadEndClient.connect(
                HeadEndSettings.management("localhost", fixture.server.port(), wrong)));
        assertEquals(HeadEndException.Kind.AUTHENTICATION_FAILED, e.kind(), e.getMessage());
    }

    @Test
    void wrongBlockCipherKeyIsAuthenticationFailed() throws Exception {
        SecurityKeys wrong = new SecurityKeys(ServerFixture.CLIENT_SYSTEM_TITLE,
                AesKey.fromHex(ServerFixture.AK_HEX), AesKey.fromHex("0F0E0D0C0B0A09080706050403020100"));
        HeadEndException e = assertThrows(HeadEndException.class, () -> HeadEndClient.connect(
                HeadEndSettings.management("localhost", fixture.server.port(), wrong)));
        assertEquals(HeadEndException.Kind.AUTHENTICATION_FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("key"), e.getMessage());
    }

    @Test
    void channelTheGatewayDoesNotHaveIsObjectMissing() throws Exception {
        try (HeadEndClient client = HeadEndClient.connect(fixture.management())) {
            HeadEndException e = assertThrows(HeadEndException.class, () -> client.channelSetup(3));
            assertEquals(HeadEndException.Kind.OBJECT_MISSING, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("0.3.24.1.0.255"), e.getMessage());
            // the association survives a refused request
            assertEquals("12345678", client.channelSetup(1).serialNumber());
        }
    }
}
