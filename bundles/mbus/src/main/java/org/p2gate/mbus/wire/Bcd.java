package org.p2gate.mbus.wire;

/**
 * Binary-coded decimal fields, sent least significant byte first with two digits a byte, the
 * high nibble holding the more significant digit (EN 13757-3 Annex A, type A; the identification
 * number of a header).
 */
public final class Bcd {

    private Bcd() {}

    /** Whether every nibble of the {@code length} bytes at {@code offset} is a decimal digit 0..9. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            if ((b & 0x0F) > 9 || (b >> 4) > 9) {
                return false;
            }
        }
        return true;
    }

    /** The digits of the {@code length} (1..9) bytes at {@code offset} as a number; only valid BCD. */
    public static long decode(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            int b = bytes[offset + i] & 0xFF;
            value = value * 100 + (b >> 4) * 10 + (b & 0x0F);
        }
        return value;
    }

    /** Writes {@code value} (0 ≤ value < 100^length) as {@code length} BCD bytes, LSB first. */
    public static void encode(long value, byte[] bytes, int offset, int length) {
        if (value < 0) {
            throw new IllegalArgumentException("BCD holds non-negative numbers, got " + value);
        }
        long rest = value;
        for (int i = 0; i < length; i++) {
            int low = (int) (rest % 10);
            rest /= 10;
            int high = (int) (rest % 10);
            rest /= 10;
            bytes[offset + i] = (byte) (high << 4 | low);
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + (2 * length) + " BCD digits");
        }
    }
}
