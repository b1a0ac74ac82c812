package org.p2gate.headend;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * A TCP connection carrying DLMS wrapper frames (IEC 62056-47 §5: version 0x0001, source wPort,
 * destination wPort, length, APDU). Reads whole frames; every socket failure becomes a
 * {@link HeadEndException} that names host and port.
 */
final class WrapperSocket implements AutoCloseable {

    static final int HEADER_LENGTH = 8;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String where;

    private WrapperSocket(Socket socket, String where) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.where = where;
    }

    static WrapperSocket open(String host, int port, int timeoutMillis) throws HeadEndException {
        String where = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            return new WrapperSocket(socket, where);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new HeadEndException(HeadEndException.Kind.CONNECTION_REFUSED,
                    "unknown host '" + host + "': check --host", e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new HeadEndException(HeadEndException.Kind.CONNECTION_REFUSED, "connection refused by " + where
                    + ": nothing listens there; check that the gateway runs and --host/--port (P3 is on 4059)", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new HeadEndException(HeadEndException.Kind.TIMEOUT, "no connection to " + where + " within "
                    + timeoutMillis + " ms: check the address and the network, or raise --timeout", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new HeadEndException(HeadEndException.Kind.CONNECTION_REFUSED,
                    "cannot connect to " + where + ": " + e.getMessage(), e);
        }
    }

    void send(byte[] frame) throws HeadEndException {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw lost("sending", e);
        }
    }

    /** One whole wrapper frame, header included. */
    byte[] receive() throws HeadEndException {
        try {
            byte[] header = readFully(HEADER_LENGTH);
            if (header[0] != 0 || header[1] != 1) {
                throw new HeadEndException(HeadEndException.Kind.CONNECTION_LOST, where
                        + " sent no DLMS wrapper frame (version is not 0001): is this the P3 port?");
            }
            int length = (header[6] & 0xFF) << 8 | (header[7] & 0xFF);
            byte[] frame = new byte[HEADER_LENGTH + length];
            System.arraycopy(header, 0, frame, 0, HEADER_LENGTH);
            System.arraycopy(readFully(length), 0, frame, HEADER_LENGTH, length);
            return frame;
        } catch (SocketTimeoutException e) {
            throw new HeadEndException(HeadEndException.Kind.TIMEOUT, "no answer from " + where + " within "
                    + timeoutMillis() + " ms; the gateway may be busy:"
                    + " try again or raise --timeout", e);
        } catch (IOException e) {
            throw lost("receiving", e);
        }
    }

    private int timeoutMillis() {
        try {
            return socket.getSoTimeout();
        } catch (IOException e) {
            return -1;
        }
    }

    private byte[] readFully(int length) throws IOException {
        byte[] buffer = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(buffer, read, length - read);
            if (n < 0) {
                throw new EOFException("the connection was closed after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return buffer;
    }

    private HeadEndException lost(String doing, IOException e) {
        return new HeadEndException(HeadEndException.Kind.CONNECTION_LOST, "the connection to " + where
                + " broke while " + doing + " (" + e.getMessage() + "); the gateway may have closed it: try again", e);
    }

    String where() {
        return where;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed: nothing more to do
        }
    }
}
