package org.p2gate.mbus.transport;

/** Upper-case hex for messages and toString (no String.format). */
final class Hex {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {}

    static String byteHex(int value) {
        return new String(new char[] {DIGITS[(value >> 4) & 0xF], DIGITS[value & 0xF]});
    }

    static String wordHex(int value) {
        return byteHex(value >> 8) + byteHex(value);
    }

    static String bytes(byte[] bytes) {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            chars[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(chars);
    }
}
