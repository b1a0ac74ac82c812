package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.enums.ExceptionServiceError;
import gurux.dlms.objects.GXDLMSRegister;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyAndRestartTest extends ServerTestBase {

    private static final int ASSOCIATIONS = 16;
    private static final int GETS = 40;

    @Test
    void sixteenConcurrentManagementAssociationsSharingOneCounterAreAllServed() throws Exception {
        AtomicLong counter = new AtomicLong(1); // a head-end: one invocation counter per key
        ExecutorService pool = Executors.newFixedThreadPool(ASSOCIATIONS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < ASSOCIATIONS; i++) {
                results.add(pool.submit(() -> {
                    try (TestClient client = management(0)) {
                        client.sharedCounter = counter::getAndIncrement;
                        start.await();
                        client.associate();
                        int ok = 0;
                        for (int g = 0; g < GETS; g++) {
                            if (((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue() == 1234L) {
                                ok++;
                            }
                        }
                        client.release();
                        return ok;
                    }
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(GETS, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ASSOCIATIONS, server.statistics().associationsOpened());
        assertEquals(0, server.statistics().totalRefusals());
    }

    @Test
    void restartWithTheSameStateFolderRefusesACounterUsedBeforeTheRestart() throws Exception {
        long used;
        try (TestClient client = management(100)) {
            client.associate();
            client.read(new GXDLMSRegister(TestDevice.REGISTER), 2);
            used = client.gurux.getCiphering().getInvocationCounter();
        }
        server.close();
        server = P3Server.start(device, settings(state));
        try (TestClient replay = management(used - 1)) {
            GXDLMSExceptionResponse e = assertThrows(GXDLMSExceptionResponse.class, replay::associate);
            assertEquals(ExceptionServiceError.INVOCATION_COUNTER_ERROR, e.getExceptionServiceError());
            assertTrue(((Number) e.getValue()).longValue() >= used, "the answer names where to continue");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.REPLAYED_INVOCATION_COUNTER));
    }

    @Test
    void restartKeepsTheServersOwnCountersAboveThoseItUsedBefore() throws Exception {
        long before;
        try (TestClient client = management(1)) {
            client.associate();
            client.read(new GXDLMSRegister(TestDevice.REGISTER), 2);
            before = client.lastAnswerInvocationCounter();
            counterAfter = client.gurux.getCiphering().getInvocationCounter();
        }
        server.close();
        server = P3Server.start(device, settings(state));
        try (TestClient client = management(counterAfter + 10_000)) {
            client.associate();
            client.read(new GXDLMSRegister(TestDevice.REGISTER), 2);
            assertTrue(client.lastAnswerInvocationCounter() > before,
                    client.lastAnswerInvocationCounter() + " after the restart, " + before + " before");
        }
    }

    private long counterAfter;
}
