package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.ExceptionServiceError;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSRegister;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the server enforces beyond Gurux: invocation counters, no plaintext in the ciphered association, nonce freshness. */
class SecurityPolicyTest extends ServerTestBase {

    @Test
    void replayedCipheredRequestIsRefusedAndCounted() throws Exception {
        try (TestClient client = management(10)) {
            client.associate();
            byte[] get = client.gurux.read(new GXDLMSRegister(TestDevice.REGISTER), 2)[0];
            client.raw(get);
            long readsBefore = device.reads.get();
            GXDLMSExceptionResponse e = assertThrows(GXDLMSExceptionResponse.class, () -> client.exchange(get));
            assertEquals(ExceptionServiceError.INVOCATION_COUNTER_ERROR, e.getExceptionServiceError());
            assertEquals(readsBefore, device.reads.get(), "the replay did not reach the device");
            // the association goes on with a fresh counter
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.REPLAYED_INVOCATION_COUNTER));
    }

    @Test
    void associationWithAnOldInvocationCounterIsRefusedAndALaterCorrectOneWorks() throws Exception {
        try (TestClient first = management(5000)) {
            first.associate();
            first.read(new GXDLMSRegister(TestDevice.REGISTER), 2);
        }
        try (TestClient stale = management(1)) {
            GXDLMSExceptionResponse e = assertThrows(GXDLMSExceptionResponse.class, stale::associate);
            assertEquals(ExceptionServiceError.INVOCATION_COUNTER_ERROR, e.getExceptionServiceError());
        }
        long next;
        try (TestClient reader = publicClient()) {
            reader.associate();
            next = ((Number) reader.read(new GXDLMSData("0.0.43.1.0.255"), 2)).longValue();
        }
        assertTrue(next > 5000, "the public counter object tells where to continue: " + next);
        try (TestClient fresh = management(next)) {
            fresh.associate();
            assertEquals(1234L, ((Number) fresh.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.REPLAYED_INVOCATION_COUNTER));
        assertEquals(3, server.statistics().associationsOpened(), "management, public, management");
    }

    @Test
    void plaintextGetInsideTheCipheredAssociationIsRefused() throws Exception {
        try (TestClient client = management(1); TestClient plain = publicClient()) {
            client.associate();
            plain.associate();
            byte[] get = plain.gurux.read(new GXDLMSRegister(TestDevice.REGISTER), 2)[0];
            get[3] = 1; // the management client's SAP
            long readsBefore = device.reads.get();
            client.raw(get);
            assertEquals(0xD8, client.lastAnswer[0] & 0xFF, "an exception-response");
            assertEquals(readsBefore, device.reads.get());
            // the ciphered association still works
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.PLAINTEXT_IN_CIPHERED_ASSOCIATION));
    }

    @Test
    void alteredCipheredRequestFailsAuthentication() throws Exception {
        try (TestClient client = management(1)) {
            client.associate();
            byte[] get = client.gurux.read(new GXDLMSRegister(TestDevice.REGISTER), 2)[0];
            get[get.length - 13] ^= 0x01; // one ciphertext bit
            client.raw(get);
            assertEquals(0xD8, client.lastAnswer[0] & 0xFF);
            assertEquals(5, client.lastAnswer[2], "deciphering-error");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.AUTHENTICATION_FAILED));
    }

    @Test
    void aCipheredApduMustCarryAServiceRequestNotAnotherCipheredOne() throws Exception {
        try (TestClient client = management(1)) {
            client.associate();
            byte[] inner = client.gurux.read(new GXDLMSRegister(TestDevice.REGISTER), 2)[0]; // a whole glo frame
            byte[] nested = Arrays.copyOfRange(inner, 8, inner.length); // its APDU, C8h or DBh
            long counter = client.gurux.getCiphering().getInvocationCounter();
            client.raw(TestClient.frame(1, gloGetRequest(nested, counter)));
            client.gurux.getCiphering().setInvocationCounter(counter + 1);

            assertEquals(0xD8, client.lastAnswer[0] & 0xFF, "refused with an exception-response");
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue(),
                    "the association goes on");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.MALFORMED_APDU));
    }

    /** A glo-get-request (C8h) around {@code plaintext}, protected with the test keys as the client (JCE, not Gurux). */
    private static byte[] gloGetRequest(byte[] plaintext, long counter) throws Exception {
        byte[] iv = new byte[12];
        System.arraycopy(TestClient.CLIENT_TITLE, 0, iv, 0, 8);
        iv[8] = (byte) (counter >>> 24);
        iv[9] = (byte) (counter >>> 16);
        iv[10] = (byte) (counter >>> 8);
        iv[11] = (byte) counter;
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(Keys.BLOCK_CIPHER_KEY.exportBytes(),
                "AES"), new javax.crypto.spec.GCMParameterSpec(96, iv));
        byte[] aad = new byte[17];
        aad[0] = 0x30;
        System.arraycopy(Keys.AUTHENTICATION_KEY.exportBytes(), 0, aad, 1, 16);
        gcm.updateAAD(aad);
        byte[] sealed = gcm.doFinal(plaintext);
        java.io.ByteArrayOutputStream apdu = new java.io.ByteArrayOutputStream();
        apdu.write(0xC8);
        int length = 5 + sealed.length;
        if (length >= 0x80) {
            apdu.write(0x81);
        }
        apdu.write(length);
        apdu.write(0x30);
        apdu.write(iv, 8, 4);
        apdu.writeBytes(sealed);
        return apdu.toByteArray();
    }

    @Test
    void publicClientCannotSendCipheredRequests() throws Exception {
        try (TestClient management = management(1); TestClient client = publicClient()) {
            management.associate();
            client.associate();
            byte[] get = management.gurux.read(new GXDLMSRegister(TestDevice.REGISTER), 2)[0];
            get[3] = 16;
            client.raw(get);
            assertEquals(0xD8, client.lastAnswer[0] & 0xFF);
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.ACCESS_DENIED));
    }

    @Test
    void serverNeverReusesItsInvocationCounterAcrossAssociations() throws Exception {
        Set<Long> used = new HashSet<>();
        long counter = 1;
        for (int association = 0; association < 3; association++) {
            try (TestClient client = management(counter)) {
                client.associate();
                for (int i = 0; i < 3; i++) {
                    client.read(new GXDLMSRegister(TestDevice.REGISTER), 2);
                    assertTrue(used.add(client.lastAnswerInvocationCounter()),
                            "server counter " + client.lastAnswerInvocationCounter() + " used twice");
                }
                counter = client.gurux.getCiphering().getInvocationCounter();
            }
        }
        assertEquals(9, used.size());
    }

    @Test
    void answersAreProtectedLikeTheRequestUnderTheServerTitleAndItsCounter() throws Exception {
        try (TestClient general = management(1)) {
            general.associate();
            assertEquals(1234L, ((Number) general.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
            // Green Book 9.2.7.2.4.4: a general-glo-ciphering request gets a general-glo-ciphering answer
            assertEquals(0xDB, general.lastAnswer[0] & 0xFF);
            assertArrayEquals(Keys.SERVER_TITLE.bytes(), Arrays.copyOfRange(general.lastAnswer, 2, 10));
            assertEquals(0xC4, plaintextOf(general.lastAnswer, 11)[0] & 0xFF, "a get-response inside");
            long counter = general.gurux.getCiphering().getInvocationCounter();
            general.close();
            try (TestClient glo = management(counter)) {
                glo.gurux.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
                glo.associate();
                assertEquals(1234L, ((Number) glo.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
                // Green Book 9.5: glo-get-request C8h is answered by glo-get-response CCh
                assertEquals(0xCC, glo.lastAnswer[0] & 0xFF);
                assertEquals(0xC4, plaintextOf(glo.lastAnswer, 2)[0] & 0xFF);
            }
        }
    }

    /** Decrypts an answer with the JCE, independently of Gurux and of the server: SC at {@code at}, then IC, then the rest. */
    private static byte[] plaintextOf(byte[] answer, int at) throws Exception {
        assertEquals(0x30, answer[at] & 0xFF, "authenticated and encrypted, suite 0");
        byte[] iv = new byte[12];
        System.arraycopy(Keys.SERVER_TITLE.bytes(), 0, iv, 0, 8);
        System.arraycopy(answer, at + 1, iv, 8, 4);
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(Keys.BLOCK_CIPHER_KEY.exportBytes(), "AES"),
                new javax.crypto.spec.GCMParameterSpec(96, iv));
        byte[] aad = new byte[17];
        aad[0] = 0x30;
        System.arraycopy(Keys.AUTHENTICATION_KEY.exportBytes(), 0, aad, 1, 16);
        gcm.updateAAD(aad);
        return gcm.doFinal(answer, at + 5, answer.length - at - 5);
    }
}
