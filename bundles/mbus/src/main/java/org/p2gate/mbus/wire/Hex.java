package org.p2gate.mbus.wire;

import java.util.HexFormat;

/** Upper-case hex for messages and toString only (never on a decode hot path). */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {}

    /** Two hex digits of the low byte of {@code value}. */
    public static String byteHex(int value) {
        return UPPER.toHexDigits((byte) value);
    }

    /** Four hex digits of the low 16 bits of {@code value}. */
    public static String wordHex(int value) {
        return UPPER.toHexDigits((short) value);
    }

    /** Hex of a byte range, no separators. */
    public static String of(byte[] bytes, int offset, int length) {
        return UPPER.formatHex(bytes, offset, offset + length);
    }

    /** Hex of all the bytes, no separators. */
    public static String bytes(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }
}
