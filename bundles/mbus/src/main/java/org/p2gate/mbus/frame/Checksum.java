package org.p2gate.mbus.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The FT1.2 frame checksum (EN 13757-2 FT1.2, P2 §3.1): arithmetic sum mod 256. */
final class Checksum {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EVEN_BYTES = 0x00FF_00FF_00FF_00FFL;
    /** Above this many bytes a 16-bit lane of the word-wise sum could overflow (2 × 255 per 8 bytes). */
    private static final int MAX_WORDWISE = 1024;

    private Checksum() {}

    /** The sum of {@code length} bytes from {@code offset}, modulo 256 (no carry kept). */
    static int of(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        int sum = 0;
        if (length <= MAX_WORDWISE) {
            // eight bytes a step, in four 16-bit lanes (even and odd bytes added apart); only the sum mod 256 counts
            long lanes = 0;
            for (; i + Long.BYTES <= end; i += Long.BYTES) {
                long word = (long) LONGS.get(bytes, i);
                lanes += (word & EVEN_BYTES) + ((word >>> 8) & EVEN_BYTES);
            }
            sum = (int) ((lanes & 0xFFFF) + ((lanes >>> 16) & 0xFFFF) + ((lanes >>> 32) & 0xFFFF) + (lanes >>> 48));
        }
        for (; i < end; i++) {
            sum += bytes[i];
        }
        return sum & 0xFF;
    }
}
