package org.p2gate.mbus.wired;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP connection to an M-Bus level converter on Ethernet (transparent mode: the bytes of the M-Bus
 * frames, nothing else). One reader thread per connection delivers what arrives; a failed connect is
 * thrown by {@link #open}, a read error or the peer closing the connection is reported to
 * {@link Receiver#failed(IOException)}. The converter sets the bus's baud rate and parity itself.
 */
public final class TcpTransport implements WiredTransport {

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Object lock = new Object();
    private Socket socket;
    private OutputStream out;
    private Thread reader;

    /** @param connectTimeout how long {@link #open} may wait for the converter to accept */
    public TcpTransport(String host, int port, Duration connectTimeout) {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a TCP converter needs a host and a port 1..65535, got " + host + ":" + port);
        }
        this.host = host;
        this.port = port;
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
    }

    public TcpTransport(String host, int port) {
        this(host, port, Duration.ofSeconds(5));
    }

    @Override
    public void open(Receiver receiver) throws IOException {
        Objects.requireNonNull(receiver);
        close();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true); // a request is one small write: send it at once
            s.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to the M-Bus converter at " + host + ":" + port + ": " + e.getMessage(), e);
        }
        InputStream in = s.getInputStream();
        synchronized (lock) {
            socket = s;
            out = s.getOutputStream();
            reader = new Thread(() -> read(s, in, receiver), "p2gate-mbus-tcp-" + host + ":" + port);
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void read(Socket s, InputStream in, Receiver receiver) {
        byte[] buffer = new byte[512];
        IOException failure;
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    failure = new IOException("the M-Bus converter at " + host + ":" + port + " closed the connection");
                    break;
                }
                synchronized (lock) {
                    if (socket != s) {
                        return; // closed: nothing is delivered after close()
                    }
                    receiver.received(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            failure = new IOException("reading from the M-Bus converter at " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
        synchronized (lock) {
            if (socket != s) {
                return;
            }
            receiver.failed(failure);
        }
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        OutputStream o;
        synchronized (lock) {
            o = out;
        }
        if (o == null) {
            throw new IOException(describe() + " is not open");
        }
        o.write(bytes);
        o.flush();
    }

    @Override
    public void close() {
        Socket s;
        synchronized (lock) {
            s = socket;
            socket = null;
            out = null;
            reader = null;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing: nothing left to do with the socket
            }
        }
    }

    @Override
    public String describe() {
        return "tcp " + host + ":" + port;
    }
}
