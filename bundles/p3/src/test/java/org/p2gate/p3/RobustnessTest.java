package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSRegister;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad input is answered, counted and contained; other clients go on being served. */
class RobustnessTest extends ServerTestBase {

    @Test
    void garbageApduIsAnsweredWithAnErrorAndTheConnectionKeepsWorking() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            client.raw(TestClient.frame(16, (byte) 0x42, (byte) 0x99, (byte) 0x00));
            assertEquals(0xD8, client.lastAnswer[0] & 0xFF, "an exception-response");
            client.raw(TestClient.frame(16, (byte) 0xC0, (byte) 0x01)); // a truncated get-request
            assertTrue(client.lastAnswer.length > 0, "answered");
            Object value = client.read(new GXDLMSData(TestDevice.EQUIPMENT_ID), 2);
            assertEquals("E0051004012345614", new String((byte[]) value, StandardCharsets.US_ASCII));
        }
        assertTrue(server.statistics().refusals(RefusalReason.MALFORMED_APDU) >= 1);
    }

    @Test
    void garbageOnOneConnectionDoesNotDisturbAManagementClientServedConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try (TestClient good = management(1); TestClient bad = publicClient()) {
            good.associate();
            bad.associate();
            Future<Integer> served = pool.submit(() -> {
                go.await();
                int ok = 0;
                for (int i = 0; i < 50; i++) {
                    if (((Number) good.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue() == 1234L) {
                        ok++;
                    }
                }
                return ok;
            });
            Future<Integer> garbage = pool.submit(() -> {
                go.await();
                int answered = 0;
                for (int i = 0; i < 50; i++) {
                    bad.raw(TestClient.frame(16, (byte) 0xC3, (byte) 0x01, (byte) 0x41, (byte) 0xFF));
                    answered += bad.lastAnswer.length > 0 ? 1 : 0;
                }
                return answered;
            });
            go.countDown();
            assertEquals(50, served.get(20, TimeUnit.SECONDS), "every GET of the management client answered");
            assertEquals(50, garbage.get(20, TimeUnit.SECONDS), "every garbage request answered");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedWrapperClosesThatConnectionOnly() throws Exception {
        try (TestClient other = publicClient(); Socket raw = new Socket("127.0.0.1", server.port())) {
            other.associate();
            raw.setSoTimeout(5000);
            byte[] badVersion = TestClient.frame(16, (byte) 0x60, (byte) 0x00);
            badVersion[1] = 2;
            raw.getOutputStream().write(badVersion);
            assertEquals(-1, raw.getInputStream().read(), "the server closed the connection");
            assertEquals("E0051004012345614", new String((byte[]) other.read(new GXDLMSData(TestDevice.EQUIPMENT_ID), 2),
                    StandardCharsets.US_ASCII), "the other connection is still served");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.MALFORMED_WRAPPER));
    }

    @Test
    void wrapperLengthBeyondTheLargestApduClosesTheConnection() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.setSoTimeout(5000);
            raw.getOutputStream().write(new byte[] {0, 1, 0, 16, 0, 1, (byte) 0xFF, (byte) 0xFF, 0x60});
            assertEquals(-1, raw.getInputStream().read());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.MALFORMED_WRAPPER));
    }

    @Test
    void aSilentConnectionIsClosedAfterTheInactivityTimeoutAndItsSlotFreed() throws Exception {
        server.close();
        server = P3Server.start(device, settings(state).withMaxAssociations(1)
                .withInactivityTimeout(java.time.Duration.ofMillis(300)));
        try (TestClient silent = publicClient()) {
            silent.associate();
            assertTrue(silent.closedByServer(), "closed after 300 ms of silence");
        }
        try (TestClient next = publicClient()) {
            next.associate(); // the one slot is free again
            assertEquals("E0051004012345614", new String((byte[]) next.read(new GXDLMSData(TestDevice.EQUIPMENT_ID), 2),
                    StandardCharsets.US_ASCII));
        }
        assertEquals(0, server.statistics().refusals(RefusalReason.TOO_MANY_ASSOCIATIONS));
    }

    @Test
    void unknownClientSapIsRefusedWithARejectedAare() throws Exception {
        try (TestClient client = publicClient()) {
            byte[] aarq = client.gurux.aarqRequest()[0];
            aarq[3] = 0x20; // client SAP 32
            client.raw(aarq);
            assertEquals(0x61, client.lastAnswer[0] & 0xFF);
            assertTrue(AssociationTest.containsRejected(client.lastAnswer));
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.UNKNOWN_CLIENT));
    }

    @Test
    void connectionsBeyondTheMaximumAreClosedAndCounted() throws Exception {
        server.close();
        server = P3Server.start(device, settings(state).withMaxAssociations(2));
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                TestClient client = publicClient();
                client.associate();
                open.add(client);
            }
            try (TestClient third = publicClient()) {
                assertTrue(third.closedByServer(), "the third connection is closed at once");
            }
        } finally {
            for (TestClient client : open) {
                client.close();
            }
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.TOO_MANY_ASSOCIATIONS));
    }
}
