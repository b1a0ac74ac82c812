package org.p2gate.headend;

import java.util.HexFormat;
import org.p2gate.headend.testserver.DeviceModel;
import org.p2gate.headend.testserver.TestP3Server;
import org.p2gate.mbus.security.AesKey;

/** The test server with known keys, and the settings of both clients for it. */
final class ServerFixture implements AutoCloseable {

    static final String AK_HEX = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";
    static final String EK_HEX = "000102030405060708090A0B0C0D0E0F";
    static final byte[] CLIENT_SYSTEM_TITLE = HexFormat.of().parseHex("4845443030303031");
    static final long FIRST_INVOCATION_COUNTER = 1000;

    final TestP3Server server;

    ServerFixture() throws Exception {
        server = new TestP3Server(new DeviceModel(), HexFormat.of().parseHex(AK_HEX), HexFormat.of().parseHex(EK_HEX),
                FIRST_INVOCATION_COUNTER);
    }

    static SecurityKeys keys() {
        return new SecurityKeys(CLIENT_SYSTEM_TITLE, AesKey.fromHex(AK_HEX), AesKey.fromHex(EK_HEX));
    }

    HeadEndSettings publicClient() {
        return HeadEndSettings.publicClient("localhost", server.port());
    }

    HeadEndSettings management() {
        return HeadEndSettings.management("localhost", server.port(), keys());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
