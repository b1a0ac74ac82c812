package org.p2gate.p3.server;

/**
 * The invocation counters the server accepts from the management client's key (DLMS Green Book
 * 9.2.4.8.4: a receiver rejects a counter it has seen; DSMR 5 P3: the counter is kept across
 * sessions). Shared by all connections.
 *
 * <p>Rule: a counter is accepted at most once, and only if it is above the ceiling persisted at the
 * last start and not more than {@value #WINDOW} below the highest accepted one. The window lets
 * concurrent associations with the same key (a head-end running several sessions) arrive slightly
 * out of order without refusing each other; one that was accepted before, or is older than the
 * window, is refused. Before a counter at or above the persisted ceiling is accepted, the ceiling is
 * raised by {@value #RESERVE} and written ({@link CounterFile}): after a restart every counter up to
 * it is refused, and the public Data object 0-0:43.1.0.255 tells the head-end where to continue.
 */
final class ReplayGuard {

    /**
     * How far below the highest accepted counter a not yet seen one is still accepted: 4096 (512 bytes of
     * bits). A head-end running 16 sessions on one key sends thousands of APDUs a second; a connection
     * thread of this server that is descheduled for some milliseconds between reading an APDU and checking
     * it falls hundreds behind (measured with P3Bench on 2 cores: 256 refused sessions, 4096 did not).
     */
    static final int WINDOW = 4096;
    /** How many counters one write of the ceiling covers (one fsync per this many requests). */
    static final long RESERVE = 4096;

    /** The verdict on a counter. */
    enum Verdict { ACCEPTED, REPLAYED, TOO_OLD }

    private final CounterFile file;
    /** Counters at or below it were used before the last start. */
    private final long floor;
    private long highest;
    private long ceiling;
    /** bit (counter mod WINDOW) set = that counter, within the window, was accepted. */
    private final long[] seen = new long[WINDOW / 64];

    ReplayGuard(CounterFile file) {
        this.file = file;
        this.floor = file.received();
        this.highest = floor;
        this.ceiling = floor;
    }

    /** Accepts {@code counter} (and remembers it) or says why not. Persists before accepting, see the class. */
    synchronized Verdict accept(long counter) {
        if (counter <= floor || counter <= highest - WINDOW) {
            return Verdict.TOO_OLD;
        }
        if (counter <= highest) {
            if (isSeen(counter)) {
                return Verdict.REPLAYED;
            }
            mark(counter);
            return Verdict.ACCEPTED;
        }
        if (counter >= ceiling) {
            long next = Math.min(counter + RESERVE, 0xFFFF_FFFFL);
            file.storeReceived(next);
            ceiling = next;
        }
        long step = Math.min(counter - highest, WINDOW);
        for (long c = counter - step + 1; c <= counter; c++) {
            clear(c);
        }
        highest = counter;
        mark(counter);
        return Verdict.ACCEPTED;
    }

    /** The lowest counter that is certainly accepted next (DSMR 5: the value of 0-0:43.1.0.255). */
    synchronized long nextAcceptable() {
        return Math.max(highest, floor) + 1;
    }

    private boolean isSeen(long counter) {
        int bit = (int) Math.floorMod(counter, (long) WINDOW);
        return (seen[bit >>> 6] & 1L << (bit & 63)) != 0;
    }

    private void mark(long counter) {
        int bit = (int) Math.floorMod(counter, (long) WINDOW);
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    private void clear(long counter) {
        int bit = (int) Math.floorMod(counter, (long) WINDOW);
        seen[bit >>> 6] &= ~(1L << (bit & 63));
    }
}
