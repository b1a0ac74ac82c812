package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.GXDLMSException;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSMBusClient;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSObjectCollection;
import gurux.dlms.objects.GXDLMSRegister;
import gurux.dlms.objects.GXDLMSSecuritySetup;
import gurux.dlms.objects.enums.SecuritySuite;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two associations: what each client may and may not do. */
class AssociationTest extends ServerTestBase {

    @Test
    void publicClientReadsTheEquipmentIdentifierWithoutSecurity() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            Object value = client.read(new GXDLMSData(TestDevice.EQUIPMENT_ID), 2);
            assertEquals("E0051004012345614", new String((byte[]) value, StandardCharsets.US_ASCII));
        }
        assertEquals(1, server.statistics().associationsOpened());
        assertEquals(1, server.statistics().requestsServed());
    }

    @Test
    void publicObjectListShowsOnlyWhatThePublicClientMayUseWithItsRights() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            GXDLMSAssociationLogicalName association = new GXDLMSAssociationLogicalName("0.0.40.0.0.255");
            client.read(association, 2);
            GXDLMSObjectCollection list = association.getObjectList();
            assertTrue(list.findByLN(ObjectType.DATA, TestDevice.EQUIPMENT_ID) != null, "equipment identifier listed");
            assertTrue(list.findByLN(ObjectType.DATA, "0.0.43.1.0.255") != null, "invocation counter listed");
            assertEquals(null, list.findByLN(ObjectType.REGISTER, TestDevice.REGISTER), "register hidden");
            assertEquals(null, list.findByLN(ObjectType.SECURITY_SETUP, "0.0.43.0.0.255"), "security setup hidden");
            GXDLMSObject setup = list.findByLN(ObjectType.MBUS_CLIENT, TestDevice.CLIENT_SETUP);
            // the Gurux client keeps the rights it decoded on the listed object itself
            assertEquals(AccessMode.READ, setup.getAccess(1));
            assertEquals(AccessMode.NO_ACCESS, setup.getAccess(2));
            assertEquals(MethodAccessMode.NO_ACCESS, setup.getMethodAccess(1));
            assertEquals(1, list.stream().filter(o -> o.getObjectType() == ObjectType.ASSOCIATION_LOGICAL_NAME).count(),
                    "one association, the current one");
        }
    }

    @Test
    void publicClientIsRefusedAnObjectOutsideItsList() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            GXDLMSException e = assertThrows(GXDLMSException.class,
                    () -> client.read(new GXDLMSRegister(TestDevice.REGISTER), 2));
            assertEquals(ErrorCode.UNDEFINED_OBJECT.getValue(), e.getErrorCode());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.ACCESS_DENIED));
        assertEquals(0, device.reads.get(), "nothing of the register was read for the public client");
    }

    @Test
    void publicClientIsRefusedAnAttributeWithoutReadAccess() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            GXDLMSException e = assertThrows(GXDLMSException.class,
                    () -> client.read(new GXDLMSMBusClient(TestDevice.CLIENT_SETUP), 6));
            assertEquals(ErrorCode.READ_WRITE_DENIED.getValue(), e.getErrorCode());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.ACCESS_DENIED));
    }

    @Test
    void publicClientCannotInvokeMethods() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            GXDLMSException e = assertThrows(GXDLMSException.class,
                    () -> client.invoke(new GXDLMSMBusClient(TestDevice.CLIENT_SETUP), 1, 5, DataType.UINT8));
            assertEquals(ErrorCode.READ_WRITE_DENIED.getValue(), e.getErrorCode());
        }
        assertTrue(device.actions.isEmpty(), "the device saw no action");
        assertEquals(1, server.statistics().refusals(RefusalReason.ACCESS_DENIED));
    }

    @Test
    void publicClientCannotWriteAnythingEvenWhatManagementMayWrite() throws Exception {
        try (TestClient client = publicClient()) {
            client.associate();
            GXDLMSData setting = new GXDLMSData(TestDevice.SETTING);
            setting.setValue(99L);
            setting.setDataType(2, DataType.UINT32);
            assertThrows(GXDLMSException.class, () -> client.write(setting, 2));
        }
        assertTrue(device.writes.isEmpty());
    }

    @Test
    void managementClientGetsSetsAndInvokesOverHls5() throws Exception {
        try (TestClient client = management(1)) {
            client.associate();
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
            GXDLMSData setting = new GXDLMSData(TestDevice.SETTING);
            setting.setValue(99L);
            setting.setDataType(2, DataType.UINT32);
            client.write(setting, 2);
            client.invoke(new GXDLMSMBusClient(TestDevice.CLIENT_SETUP), 1, 5, DataType.UINT8);
            client.release();
        }
        assertEquals(1, device.writes.size());
        assertEquals(99L, ((Number) device.writes.get(0)).longValue());
        assertEquals(java.util.List.of(1), device.actions);
        assertEquals(1, server.statistics().associationsOpened());
        assertEquals(0, server.statistics().totalRefusals());
        // AARQ, HLS pass 3, GET, SET, ACTION, RLRQ: six frames answered, each timed (the last one just after it left)
        for (int i = 0; i < 100 && server.statistics().serviceTimes().count() < 6; i++) {
            Thread.sleep(10);
        }
        assertEquals(6, server.statistics().serviceTimes().count());
    }

    @Test
    void aReleasedManagementAssociationAssociatesAgainOnTheSameConnection() throws Exception {
        try (TestClient client = management(1)) {
            client.associate();
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
            client.release();
            // Green Book 9.3.3: after RLRQ/RLRE the connection may carry a new AARQ
            client.associate();
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
            client.associate(); // and an AARQ inside an association replaces it
            assertEquals(1234L, ((Number) client.read(new GXDLMSRegister(TestDevice.REGISTER), 2)).longValue());
        }
        assertEquals(0, server.statistics().totalRefusals());
    }

    @Test
    void managementClientReadsTheSecuritySetupWithSuite0AndTheServerTitle() throws Exception {
        try (TestClient client = management(1)) {
            client.associate();
            GXDLMSSecuritySetup setup = new GXDLMSSecuritySetup("0.0.43.0.0.255");
            client.read(setup, 3);
            client.read(setup, 5);
            assertEquals(SecuritySuite.SUITE_0, setup.getSecuritySuite());
            assertEquals(Keys.SERVER_TITLE, SystemTitle.of(setup.getServerSystemTitle()));
        }
    }

    @Test
    void managementClientIsRefusedAWriteOfAReadOnlyAttribute() throws Exception {
        try (TestClient client = management(1)) {
            client.associate();
            GXDLMSRegister register = new GXDLMSRegister(TestDevice.REGISTER);
            register.setValue(1L);
            GXDLMSException e = assertThrows(GXDLMSException.class, () -> client.write(register, 2));
            assertEquals(ErrorCode.READ_WRITE_DENIED.getValue(), e.getErrorCode());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.ACCESS_DENIED));
    }

    @Test
    void wrongAuthenticationKeyIsRefusedAtTheAssociation() throws Exception {
        try (TestClient client = TestClient.managementClient(server.port(), Keys.BLOCK_CIPHER_KEY, Keys.OTHER_KEY, 1)) {
            GXDLMSException e = assertThrows(GXDLMSException.class, client::associate);
            assertEquals(13, e.getDiagnostic(), "acse-service-user authentication-failure");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.AUTHENTICATION_FAILED));
        assertEquals(0, server.statistics().associationsOpened());
    }

    @Test
    void wrongBlockCipherKeyIsRefusedAtTheAssociation() throws Exception {
        try (TestClient client = TestClient.managementClient(server.port(), Keys.OTHER_KEY, Keys.AUTHENTICATION_KEY, 1)) {
            GXDLMSException e = assertThrows(GXDLMSException.class, client::associate);
            assertEquals(13, e.getDiagnostic(), "acse-service-user authentication-failure");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.AUTHENTICATION_FAILED));
    }

    @Test
    void managementWithoutHlsIsRefused() throws Exception {
        try (TestClient client = TestClient.publicClient(server.port())) {
            // the public client's AARQ (no security) sent from the management SAP
            byte[] aarq = client.gurux.aarqRequest()[0];
            aarq[3] = 1;
            byte[] answer = client.raw(aarq);
            assertEquals(0x61, answer[8] & 0xFF, "an AARE");
            assertTrue(containsRejected(client.lastAnswer), "rejected-permanent");
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.AUTHENTICATION_FAILED));
    }

    static boolean containsRejected(byte[] aare) {
        for (int i = 0; i + 4 < aare.length; i++) {
            if ((aare[i] & 0xFF) == 0xA2 && aare[i + 1] == 3 && aare[i + 2] == 2 && aare[i + 3] == 1) {
                return aare[i + 4] == 1;
            }
        }
        return false;
    }
}
