package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.GXDLMSException;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSRegister;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.mbus.security.AesKey;

class P3ServerTest {

    static final AesKey BLOCK_CIPHER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    static final AesKey AUTHENTICATION_KEY = AesKey.fromHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    static final SystemTitle SERVER_TITLE = SystemTitle.fromHex("5032470000000001");

    @TempDir
    Path state;
    TestDevice device;
    P3Server server;

    @BeforeEach
    void start() {
        device = new TestDevice();
        server = P3Server.start(device, settings(state));
    }

    static P3Settings settings(Path state) {
        return P3Settings.of(SERVER_TITLE, BLOCK_CIPHER_KEY, AUTHENTICATION_KEY, state).withPort(0)
                .withInactivityTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        server.close();
        assertFalse(device.overlapped, "the server called the device from two threads at once");
    }

    @Test
    void publicClientReadsTheEquipmentIdentifier() throws Exception {
        try (TestClient client = TestClient.publicClient(server.port())) {
            client.associate();
            GXDLMSData id = new GXDLMSData(TestDevice.EQUIPMENT_ID);
            Object value = client.read(id, 2);
            assertEquals("E0051004012345614", new String((byte[]) value));
        }
        assertEquals(1, server.statistics().associationsOpened());
    }

    @Test
    void managementClientReadsTheRegisterOverHls5() throws Exception {
        try (TestClient client = TestClient.managementClient(server.port(), BLOCK_CIPHER_KEY, AUTHENTICATION_KEY, 1)) {
            client.associate();
            GXDLMSRegister register = new GXDLMSRegister(TestDevice.REGISTER);
            assertEquals(1234L, ((Number) client.read(register, 2)).longValue());
        }
    }

    @Test
    void publicClientIsRefusedTheRegister() throws Exception {
        try (TestClient client = TestClient.publicClient(server.port())) {
            client.associate();
            GXDLMSException e = assertThrows(GXDLMSException.class,
                    () -> client.read(new GXDLMSRegister(TestDevice.REGISTER), 2));
            assertEquals(ErrorCode.UNDEFINED_OBJECT.getValue(), e.getErrorCode());
        }
        assertEquals(1, server.statistics().refusals(RefusalReason.ACCESS_DENIED));
    }
}
