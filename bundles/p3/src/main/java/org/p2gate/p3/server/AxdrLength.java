package org.p2gate.p3.server;

/** The length field of BER / A-XDR encodings (one byte below 80h, else 81h nn or 82h nn nn). */
final class AxdrLength {

    private AxdrLength() {
    }

    /** Reads a length at {@code position[0]} and advances it. */
    static int read(byte[] bytes, int[] position) throws MalformedApduException {
        int at = position[0];
        if (at >= bytes.length) {
            throw new MalformedApduException("length expected at offset " + at + ", the APDU ends there");
        }
        int first = bytes[at] & 0xFF;
        if (first < 0x80) {
            position[0] = at + 1;
            return first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 2 || at + count >= bytes.length) {
            throw new MalformedApduException(String.format("bad length field %02X at offset %d", first, at));
        }
        int length = 0;
        for (int i = 1; i <= count; i++) {
            length = length << 8 | bytes[at + i] & 0xFF;
        }
        position[0] = at + 1 + count;
        return length;
    }
}
