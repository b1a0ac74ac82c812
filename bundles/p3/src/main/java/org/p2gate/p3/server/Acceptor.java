package org.p2gate.p3.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.p3.P3Settings;
import org.p2gate.p3.P3Statistics;
import org.p2gate.p3.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket and its thread: accepts connections up to the settings' maximum and starts
 * one {@link Connection} thread for each. The implementation behind {@code org.p2gate.p3.P3Server}.
 */
public final class Acceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

    private final ServerSocket listener;
    private final ServerContext context;
    private final Semaphore slots;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger numbers = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    private Acceptor(ServerSocket listener, ServerContext context) {
        this.listener = listener;
        this.context = context;
        this.slots = new Semaphore(context.settings().maxAssociations());
        this.thread = new Thread(this::acceptLoop, "p3-acceptor-" + listener.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Reads the state folder, binds the port and starts accepting. */
    public static Acceptor start(CosemDevice device, P3Settings settings) {
        CounterFile counters = CounterFile.open(settings.stateFolder());
        ServerContext context = new ServerContext(device, settings, new Refusals(), new ReplayGuard(counters),
                new SendCounter(counters), new Suite0Cipher(settings.blockCipherKey(), settings.authenticationKey()),
                new ReentrantLock(true), new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true));
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on TCP port " + settings.port() + " (" + e.getMessage()
                    + "): choose a free port or stop what uses it", e);
        }
        Acceptor acceptor = new Acceptor(listener, context);
        acceptor.thread.start();
        LOG.info("P3 server on TCP port {} (DLMS wrapper), logical device {}, system title {}, up to {} associations",
                listener.getLocalPort(), settings.serverAddress(), settings.systemTitle(), settings.maxAssociations());
        return acceptor;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public P3Statistics statistics() {
        return context.refusals().snapshot();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("P3 server stops accepting on port {}: {}", port(), e.toString());
                }
                return;
            }
            if (!slots.tryAcquire()) {
                context.refusals().refuse(RefusalReason.TOO_MANY_ASSOCIATIONS, -1, String.valueOf(socket.getRemoteSocketAddress()),
                        context.settings().maxAssociations() + " connections are open already; connection closed");
                closeQuietly(socket);
                continue;
            }
            Connection[] self = new Connection[1];
            Connection connection = new Connection(socket, context, () -> {
                connections.remove(self[0]);
                threads.remove(Thread.currentThread());
                slots.release();
            });
            self[0] = connection;
            connections.add(connection);
            Thread worker = new Thread(connection, "p3-connection-" + numbers.incrementAndGet());
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a refused connection: {}", e.toString());
        }
    }

    /** Stops accepting, closes every connection and waits (briefly) for their threads. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the P3 listener: {}", e.toString());
        }
        connections.forEach(Connection::close);
        try {
            thread.join(2000);
            for (Thread worker : threads) {
                worker.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("P3 server on port {} stopped", listener.getLocalPort());
    }
}
