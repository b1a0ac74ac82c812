package org.p2gate.master.store;

import java.util.zip.CRC32C;

/**
 * The frame around every value the store writes: {@code type (1) | format version (1) | payload |
 * CRC-32C (4, big-endian) of everything before it}. A torn or flipped entry fails the checksum and is
 * reported, never decoded.
 */
final class Envelope {

    /** Type tags. */
    static final byte CHANNEL_STATE = 'S';
    static final byte HOURLY_VALUE = 'H';
    static final byte EVENT = 'E';
    static final byte KEYS = 'K';
    static final byte KEY_CHECK = 'C';
    static final byte REPLAY_FLOOR = 'R';

    /** The format version of every type written by this code, but {@link #KEYS_VERSION} for {@link #KEYS}. */
    static final byte VERSION = 1;
    /** Keys: version 1 had the default and user key; version 2 adds the pending user key (version 1 is still read). */
    static final byte KEYS_VERSION = 2;

    static final int OVERHEAD = 2 + 4;

    private Envelope() {
    }

    /** type | version | payload | CRC-32C. */
    static byte[] seal(byte type, byte[] payload) {
        return seal(type, VERSION, payload);
    }

    /** type | {@code version} | payload | CRC-32C, for a type with more than one format version. */
    static byte[] seal(byte type, byte version, byte[] payload) {
        byte[] entry = new byte[payload.length + OVERHEAD];
        entry[0] = type;
        entry[1] = version;
        System.arraycopy(payload, 0, entry, 2, payload.length);
        int crc = crc(entry, entry.length - 4);
        int at = entry.length - 4;
        entry[at] = (byte) (crc >>> 24);
        entry[at + 1] = (byte) (crc >>> 16);
        entry[at + 2] = (byte) (crc >>> 8);
        entry[at + 3] = (byte) crc;
        return entry;
    }

    /**
     * The payload of an entry, after checking length, checksum, type and version.
     *
     * @param what names the entry in the exception ("channel 2 state", …)
     */
    static byte[] open(byte type, byte[] entry, String what) {
        return open(type, entry, what, VERSION).payload();
    }

    /** An entry's format version and payload. */
    record Opened(byte version, byte[] payload) {}

    /**
     * The version and payload of an entry of a type with more than one format version (1..{@code newest}),
     * after checking length, checksum and type.
     */
    static Opened open(byte type, byte[] entry, String what, byte newest) {
        if (entry == null || entry.length < OVERHEAD) {
            throw new CorruptEntryException(what + " is corrupt: " + (entry == null ? "no bytes" : entry.length + " bytes")
                    + ", shorter than an entry");
        }
        int at = entry.length - 4;
        int stored = (entry[at] & 0xFF) << 24 | (entry[at + 1] & 0xFF) << 16 | (entry[at + 2] & 0xFF) << 8 | entry[at + 3] & 0xFF;
        if (stored != crc(entry, at)) {
            throw new CorruptEntryException(what + " is corrupt: its CRC-32C does not match (" + entry.length + " bytes)");
        }
        if (entry[0] != type) {
            throw new CorruptEntryException(what + " is corrupt: type tag " + (entry[0] & 0xFF) + ", expected " + type);
        }
        if (entry[1] < 1 || entry[1] > newest) {
            throw new CorruptEntryException(what + " has format version " + (entry[1] & 0xFF) + ", this code reads "
                    + (newest == 1 ? "1" : "1 to " + newest) + " (written by a newer p2gate?)");
        }
        byte[] payload = new byte[entry.length - OVERHEAD];
        System.arraycopy(entry, 2, payload, 0, payload.length);
        return new Opened(entry[1], payload);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
