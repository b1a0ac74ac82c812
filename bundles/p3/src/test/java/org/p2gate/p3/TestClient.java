package org.p2gate.p3;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import org.p2gate.cosem.ClientKind;
import org.p2gate.mbus.security.AesKey;

/** A head-end for the tests: the Gurux secure client over a real TCP connection to the server. */
final class TestClient implements AutoCloseable {

    static final byte[] CLIENT_TITLE = {0x48, 0x45, 0x53, 0x00, 0x00, 0x00, 0x00, 0x01};

    final GXDLMSSecureClient gurux;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** When set, the invocation counter of every ciphered request comes from here (a head-end's one counter per key). */
    java.util.function.LongSupplier sharedCounter;
    /** The APDU of the last answer (wrapper header removed). */
    byte[] lastAnswer = new byte[0];

    private TestClient(int port, GXDLMSSecureClient gurux) throws IOException {
        this.gurux = gurux;
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static TestClient publicClient(int port) throws IOException {
        return new TestClient(port, new GXDLMSSecureClient(true, ClientKind.PUBLIC.sap(), 1, Authentication.NONE, null,
                InterfaceType.WRAPPER));
    }

    static TestClient managementClient(int port, AesKey blockCipherKey, AesKey authenticationKey, long invocationCounter)
            throws IOException {
        GXDLMSSecureClient gurux = new GXDLMSSecureClient(true, ClientKind.MANAGEMENT.sap(), 1, Authentication.HIGH_GMAC,
                null, InterfaceType.WRAPPER);
        gurux.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
        gurux.getCiphering().setSystemTitle(CLIENT_TITLE);
        gurux.getCiphering().setBlockCipherKey(blockCipherKey.exportBytes());
        gurux.getCiphering().setAuthenticationKey(authenticationKey.exportBytes());
        gurux.getCiphering().setInvocationCounter(invocationCounter);
        return new TestClient(port, gurux);
    }

    /** AARQ/AARE, and for HLS the pass 3/4 exchange. */
    void associate() throws Exception {
        count();
        GXReplyData reply = exchange(gurux.aarqRequest()[0]);
        gurux.parseAareResponse(reply.getData());
        if (gurux.getIsAuthenticationRequired()) {
            count();
            reply = exchange(gurux.getApplicationAssociationRequest()[0]);
            gurux.parseApplicationAssociationResponse(reply.getData());
        }
    }

    private void count() {
        if (sharedCounter != null) {
            gurux.getCiphering().setInvocationCounter(sharedCounter.getAsLong());
        }
    }

    Object read(GXDLMSObject object, int index) throws Exception {
        count();
        GXReplyData reply = exchange(gurux.read(object, index)[0]);
        return gurux.updateValue(object, index, reply.getValue());
    }

    void write(GXDLMSObject object, int index) throws Exception {
        count();
        exchange(gurux.write(object, index)[0]);
    }

    void invoke(GXDLMSObject object, int index, Object parameter, DataType type) throws Exception {
        count();
        exchange(gurux.method(object, index, parameter, type)[0]);
    }

    void release() throws Exception {
        exchange(gurux.releaseRequest()[0]);
    }

    /** The invocation counter in the security header of the last answer (a glo- or general-glo-ciphered APDU). */
    long lastAnswerInvocationCounter() {
        int at = 1;
        if ((lastAnswer[0] & 0xFF) == 0xDB) {
            at += 1 + lastAnswer[1];
        }
        int lengthBytes = (lastAnswer[at] & 0x80) != 0 ? 1 + (lastAnswer[at] & 0x7F) : 1;
        at += lengthBytes + 1; // length, then the security control byte
        return (lastAnswer[at] & 0xFFL) << 24 | (lastAnswer[at + 1] & 0xFFL) << 16 | (lastAnswer[at + 2] & 0xFFL) << 8
                | lastAnswer[at + 3] & 0xFFL;
    }

    /** Sends a request frame and parses the answer with the Gurux client (which throws on DLMS errors). */
    GXReplyData exchange(byte[] request) throws Exception {
        byte[] answer = raw(request);
        GXReplyData reply = new GXReplyData();
        if (!gurux.getData(new GXByteBuffer(answer), reply)) {
            throw new IllegalStateException("incomplete answer");
        }
        if (reply.getError() != 0) {
            throw new gurux.dlms.GXDLMSException(reply.getError());
        }
        return reply;
    }

    /** Sends bytes as they are and returns the whole answer frame. */
    byte[] raw(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return readFrame();
    }

    byte[] readFrame() throws IOException {
        byte[] header = new byte[8];
        in.readFully(header);
        int length = (header[6] & 0xFF) << 8 | header[7] & 0xFF;
        byte[] frame = Arrays.copyOf(header, 8 + length);
        in.readFully(frame, 8, length);
        lastAnswer = Arrays.copyOfRange(frame, 8, frame.length);
        return frame;
    }

    /** Whether the server closed the connection (reads end of stream within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** A wrapper frame from the client (SAP {@code source}) to logical device 1. */
    static byte[] frame(int source, byte... apdu) {
        byte[] out = new byte[8 + apdu.length];
        out[1] = 1;
        out[3] = (byte) source;
        out[5] = 1;
        out[6] = (byte) (apdu.length >>> 8);
        out[7] = (byte) apdu.length;
        System.arraycopy(apdu, 0, out, 8, apdu.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
