package org.p2gate.p3.internal;

/**
 * The invocation counter of the server's own ciphered answers, shared by all connections: every
 * answer under the same key and system title uses a new one (DLMS Green Book 9.2.3.3.7: a GCM
 * nonce must never repeat), also across restarts (ceiling written before use, {@link CounterFile}).
 */
final class SendCounter {

    private final CounterFile file;
    private long next;
    private long ceiling;

    SendCounter(CounterFile file) {
        this.file = file;
        this.next = file.sent();
        this.ceiling = next;
    }

    /** The next counter to use, with at least {@code headroom} more durably reserved above it. */
    synchronized long reserve(int headroom) {
        if (next + headroom >= ceiling) {
            ceiling = Math.min(next + headroom + ReplayGuard.RESERVE, 0xFFFF_FFFFL);
            file.storeSent(ceiling);
        }
        return next;
    }

    /** Records that counters below {@code value} were used; written at once if it went past the durable ceiling. */
    synchronized void usedUpTo(long value) {
        next = Math.max(next, value);
        if (next > ceiling) {
            ceiling = Math.min(next + ReplayGuard.RESERVE, 0xFFFF_FFFFL);
            file.storeSent(ceiling);
        }
    }
}
