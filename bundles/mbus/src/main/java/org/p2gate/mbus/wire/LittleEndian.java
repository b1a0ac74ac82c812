package org.p2gate.mbus.wire;

/** M-Bus multi-byte fields are sent least significant byte first (EN 13757-3 §4). */
public final class LittleEndian {

    private LittleEndian() {}

    /** Reads {@code length} (1..8) bytes at {@code offset} as an unsigned number, LSB first. */
    public static long read(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    public static int readU16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    public static long readU32(byte[] bytes, int offset) {
        return read(bytes, offset, 4);
    }

    /** Writes the low {@code length} (1..8) bytes of {@code value} at {@code offset}, LSB first. */
    public static void write(long value, byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
