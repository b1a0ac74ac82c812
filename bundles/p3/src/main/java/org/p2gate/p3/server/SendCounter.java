package org.p2gate.p3.server;

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

    /** The counters one answer may use: one APDU per request; the rest is margin. */
    static final int PER_ANSWER = 4;

    /**
     * A block of {@code size} counters for one answer, no other answer's (connections cipher concurrently),
     * durably reserved before it is handed out; returns its first counter.
     */
    synchronized long take(int size) {
        long first = next;
        next += size;
        if (next >= ceiling) {
            ceiling = Math.min(next + ReplayGuard.RESERVE, 0xFFFF_FFFFL);
            file.storeSent(ceiling);
        }
        return first;
    }
}
