package org.p2gate.mbus.frame;

import java.util.HexFormat;

/** Hex digits for messages and toString only (never on a decode hot path). */
final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {}

    /** Two upper-case hex digits of the low byte of {@code value}. */
    static String byteHex(int value) {
        return UPPER.toHexDigits((byte) value);
    }

    /** Upper-case hex of a byte range, no separators. */
    static String of(byte[] bytes, int offset, int length) {
        return UPPER.formatHex(bytes, offset, offset + length);
    }
}
