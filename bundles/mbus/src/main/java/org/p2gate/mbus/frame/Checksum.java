package org.p2gate.mbus.frame;

/** The FT1.2 frame checksum (EN 13757-2 FT1.2, P2 §3.1): arithmetic sum mod 256. */
final class Checksum {

    private Checksum() {}

    /** The sum of {@code length} bytes from {@code offset}, modulo 256 (no carry kept). */
    static int of(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            sum += bytes[i];
        }
        return sum & 0xFF;
    }
}
