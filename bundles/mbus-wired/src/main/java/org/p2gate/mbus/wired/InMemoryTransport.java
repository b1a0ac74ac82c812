package org.p2gate.mbus.wired;

import java.io.IOException;
import java.util.Objects;
import org.p2gate.clock.Scheduler;

/**
 * Two connected ends in memory: what one sends, the other receives, delivered as a task of the
 * shared {@link Scheduler} (so with a virtual scheduler, in virtual time and in order). The master
 * link opens one end; a simulated bus segment the other, and models the wire's timing itself.
 */
public final class InMemoryTransport implements WiredTransport {

    private final Scheduler scheduler;
    private final String name;
    private InMemoryTransport peer;
    private volatile Receiver receiver;

    private InMemoryTransport(Scheduler scheduler, String name) {
        this.scheduler = scheduler;
        this.name = name;
    }

    /** A connected pair: {@code [0]} for the master, {@code [1]} for the bus side. */
    public static InMemoryTransport[] pair(Scheduler scheduler) {
        InMemoryTransport master = new InMemoryTransport(scheduler, "memory (master end)");
        InMemoryTransport bus = new InMemoryTransport(scheduler, "memory (bus end)");
        master.peer = bus;
        bus.peer = master;
        return new InMemoryTransport[] {master, bus};
    }

    @Override
    public void open(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        if (receiver == null) {
            throw new IOException(name + " is not open");
        }
        byte[] copy = bytes.clone();
        InMemoryTransport to = peer;
        scheduler.execute(() -> {
            Receiver target = to.receiver;
            if (target != null) {
                target.received(copy, 0, copy.length);
            }
        });
    }

    /** Tells the other end's receiver that the medium failed (fault injection: an unplugged cable). */
    public void failPeer(IOException cause) {
        InMemoryTransport to = peer;
        scheduler.execute(() -> {
            Receiver target = to.receiver;
            if (target != null) {
                target.failed(cause);
            }
        });
    }

    @Override
    public void close() {
        receiver = null;
    }

    @Override
    public String describe() {
        return name;
    }
}
