package org.p2gate.mbus.frame;

/** Hex digits for messages and toString only (never on a decode hot path). */
final class Hex {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {}

    /** Two upper-case hex digits of the low byte of {@code value}. */
    static String byteHex(int value) {
        return new String(new char[] {DIGITS[(value >>> 4) & 0xF], DIGITS[value & 0xF]});
    }

    /** Upper-case hex of a byte range, no separators. */
    static String of(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0xF];
        }
        return new String(out);
    }
}
