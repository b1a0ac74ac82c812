package org.p2gate.mbus;

import java.util.Objects;

/**
 * A departure from the standard that a lenient decoder tolerated instead of rejecting the message:
 * what it was, where, and what the decoder did about it. Made only when decoding with
 * {@link Departures#lenient()}; a strict decoder rejects the same bytes with a {@link DecodeException}.
 *
 * @param kind   what was tolerated
 * @param offset the index of the first byte concerned, counted as {@link DecodeException#offset()} is
 * @param detail what the bytes were and how they were read, for a person
 */
public record Departure(Kind kind, int offset, String detail) {

    /** The departures real meters make that the lenient decoder reads past. */
    public enum Kind {
        /**
         * The configuration word holds a reserved security mode (16..31), e.g. FFFFh, the "signature" of
         * meters after the older EN 1434-3: read as unencrypted (EN 13757-7 §7.6.1: modes 16..31 reserved).
         */
        RESERVED_SECURITY_MODE,
        /** VIF 7Bh or 7Dh without the extension bit (EN 13757-3 Table 10: they announce FBh/FDh): read as an unknown VIF with raw data. */
        VIF_WITHOUT_EXTENSION,
        /** Bytes of the variable data block that do not decode as records (e.g. a reserved DIF): kept raw, from {@code offset} to the end. */
        UNDECODED_RECORDS,
        /**
         * A wired response with CI 73h/77h of 16 bytes read as the fixed data structure of EN 13757-3:2004 §6.2
         * (EN 1434-3), where EN 13757-3:2013 has a compact frame with a long header.
         */
        FIXED_DATA_STRUCTURE
    }

    public Departure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** The same departure seen from an enclosing structure that starts {@code base} bytes earlier. */
    public Departure shifted(int base) {
        return new Departure(kind, base + offset, detail);
    }
}
