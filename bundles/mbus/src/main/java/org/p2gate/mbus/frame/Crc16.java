package org.p2gate.mbus.frame;

/**
 * The CRC of wireless M-Bus blocks (EN 13757-4 "CRC field", FT3 of EN 60870-5-1): polynomial
 * x^16 + x^13 + x^12 + x^11 + x^10 + x^8 + x^6 + x^5 + x^2 + 1 (3D65h), initial value 0000h, no
 * reflection, final XOR FFFFh, sent high byte first. Check value over ASCII "123456789": C2B7h.
 */
public final class Crc16 {

    private static final int POLYNOMIAL = 0x3D65;
    private static final char[] TABLE = table();

    private Crc16() {}

    /** The CRC of {@code length} bytes at {@code offset}, 0..FFFFh. */
    public static int of(byte[] bytes, int offset, int length) {
        int crc = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF];
        }
        return ~crc & 0xFFFF;
    }

    /** Writes the CRC of {@code length} bytes at {@code offset} right after them, high byte first. */
    static void append(byte[] bytes, int offset, int length) {
        int crc = of(bytes, offset, length);
        bytes[offset + length] = (byte) (crc >>> 8);
        bytes[offset + length + 1] = (byte) crc;
    }

    /** Whether the two bytes after the range hold its CRC, high byte first. */
    static boolean matches(byte[] bytes, int offset, int length) {
        int crc = of(bytes, offset, length);
        return (bytes[offset + length] & 0xFF) == crc >>> 8 && (bytes[offset + length + 1] & 0xFF) == (crc & 0xFF);
    }

    private static char[] table() {
        char[] table = new char[256];
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            table[i] = (char) crc;
        }
        return table;
    }
}
