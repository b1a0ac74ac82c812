package org.p2gate.headend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The invocation counter of one management key, shared by every association a head-end runs with it
 * at the same time (DLMS Green Book 9.2.4.8.4: the receiver refuses a counter it has seen, whichever
 * association it came in). Each ciphered APDU takes the next value; an association takes values and ciphers
 * the APDU while holding this object's lock and sends it after, so concurrent associations' APDUs leave
 * at most a few counters out of order (the gateway's replay window takes that). Thread-safe.
 */
public final class InvocationCounter {

    private final AtomicLong next;

    private InvocationCounter(long first) {
        next = new AtomicLong(first);
    }

    /** A counter whose next value is {@code first} (e.g. what 0-0:43.1.0.255 says the gateway accepts next). */
    public static InvocationCounter startingAt(long first) {
        if (first < 0 || first > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("an invocation counter is 0..4294967295, got " + first);
        }
        return new InvocationCounter(first);
    }

    /** After APDUs were ciphered with the values up to {@code following} − 1: the next value is {@code following}. */
    void advanceTo(long following) {
        if (following > 0x1_0000_0000L) {
            throw new IllegalStateException("the invocation counter is exhausted: the key must be changed");
        }
        next.accumulateAndGet(following, Math::max);
    }

    /** The value the next APDU will take. */
    public long peek() {
        return next.get();
    }
}
