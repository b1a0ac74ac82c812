package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.SystemScheduler;

/** Against a loopback server that plays the M-Bus converter (real threads and time, short). */
class TcpTransportTest {

    private final ServerSocket server;
    private final TcpTransport transport;

    TcpTransportTest() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        transport = new TcpTransport("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
    }

    @AfterEach
    void closeAll() throws IOException {
        transport.close();
        server.close();
    }

    /** Serves one connection: reads {@code expect} bytes, answers {@code answer}, then closes if asked to. */
    private CompletableFuture<byte[]> serve(int expect, byte[] answer, boolean hangUp) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] got = in.readNBytes(expect);
                // a real converter puts the request on the bus and the answer comes back no earlier than
                // the request's bytes plus 22 bit times at 2400 baud (~32 ms for 5 bytes); the link ignores
                // bytes that arrive before its request can have left
                Thread.sleep(40);
                s.getOutputStream().write(answer);
                s.getOutputStream().flush();
                if (!hangUp) {
                    in.read(); // until the client closes
                }
                return got;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWiredLinkOverTcpSendsSndNkeAndTakesTheE5FromTheConverter() throws Exception {
        CompletableFuture<byte[]> converter = serve(5, new byte[] {(byte) 0xE5}, false);
        try (SystemScheduler worker = new SystemScheduler("test-link", Throwable::printStackTrace)) {
            WiredLink link = new WiredLink(transport, worker, LinkSettings.dsmr());
            link.open().get(5, TimeUnit.SECONDS);
            link.sndNke(1).get(5, TimeUnit.SECONDS);
            assertEquals(1, link.statistics().answers());
            link.close().get(5, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {0x10, 0x40, 0x01, 0x41, 0x16}, converter.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void theConverterHangingUpIsReportedAsAFailure() throws Exception {
        serve(0, new byte[0], true);
        CompletableFuture<IOException> failure = new CompletableFuture<>();
        transport.open(new WiredTransport.Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {}

            @Override
            public void failed(IOException cause) {
                failure.complete(cause);
            }
        });
        IOException e = failure.get(5, TimeUnit.SECONDS);
        assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
    }

    @Test
    void aPendingRequestFailsWithTransportFailedWhenTheConverterHangsUp() throws Exception {
        serve(5, new byte[0], true);
        try (SystemScheduler worker = new SystemScheduler("test-link", Throwable::printStackTrace)) {
            WiredLink link = new WiredLink(transport, worker, LinkSettings.dsmr());
            link.open().get(5, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> link.reqUd2(3).get(5, TimeUnit.SECONDS));
            LinkException le = assertInstanceOf(LinkException.class, e.getCause());
            assertEquals(LinkException.Kind.TRANSPORT_FAILED, le.kind());
            assertEquals(3, le.address());
        }
    }

    @Test
    void aRefusedConnectionIsThrownByOpen() throws IOException {
        int port = server.getLocalPort();
        server.close();
        TcpTransport nowhere = new TcpTransport("127.0.0.1", port, Duration.ofSeconds(1));
        IOException e = assertThrows(IOException.class, () -> nowhere.open(new WiredTransport.Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {}

            @Override
            public void failed(IOException cause) {}
        }));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void describeNamesHostAndPort() {
        assertEquals("tcp 127.0.0.1:" + server.getLocalPort(), transport.describe());
        assertThrows(IllegalArgumentException.class, () -> new TcpTransport("", 10001));
        assertThrows(IllegalArgumentException.class, () -> new TcpTransport("converter", 0));
    }
}
