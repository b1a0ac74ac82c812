package org.p2gate.mbus.transport;

/**
 * The manufacturer identification of an M-Bus header: three upper-case letters packed into
 * 15 bits, sent least significant byte first.
 *
 * <p>EN 13757-3 §6.5 (DSMR P2 4.2.2 Appendix B uses it as "MAN"): code =
 * (c1 − 64)·32² + (c2 − 64)·32 + (c3 − 64), each letter 'A'..'Z'.
 *
 * <p>Any 16-bit value is kept as received (a decoder must not lose what a meter sent);
 * {@link #isLetters()} tells whether it packs three letters as the standard requires.
 *
 * @param code the 16-bit field value
 */
public record ManufacturerCode(int code) {

    private static final int LETTER_BITS = 5;
    private static final int LETTER_MASK = (1 << LETTER_BITS) - 1;

    public ManufacturerCode {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException(String.format("a manufacturer code has 16 bits, got %Xh", code));
        }
    }

    /** Whether the code packs three letters 'A'..'Z' with bit 15 clear. */
    public boolean isLetters() {
        if (code > 0x7FFF) {
            return false;
        }
        for (int shift = 2 * LETTER_BITS; shift >= 0; shift -= LETTER_BITS) {
            int letter = (code >> shift) & LETTER_MASK;
            if (letter < 1 || letter > 26) {
                return false;
            }
        }
        return true;
    }

    /** The code of three letters 'A'..'Z', e.g. {@code "NET"} → 38B4h. */
    public static ManufacturerCode of(String letters) {
        if (letters.length() != 3) {
            throw new IllegalArgumentException("a manufacturer code has three letters, got \"" + letters + "\"");
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = letters.charAt(i);
            if (c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("manufacturer letters are A..Z, got \"" + letters + "\"");
            }
            code = (code << LETTER_BITS) | (c - '@');
        }
        return new ManufacturerCode(code);
    }

    /** The code as sent on the wire: two bytes, LSB first. */
    public static ManufacturerCode fromWire(byte lsb, byte msb) {
        return ofCode((lsb & 0xFF) | (msb & 0xFF) << 8);
    }

    /**
     * The code of this 16-bit value; a meter's code is met again and again, so the last ones are kept
     * (direct-mapped by the low byte: a benign race, the instances are immutable and equal by value).
     */
    static ManufacturerCode ofCode(int code) {
        int slot = code & (RECENT.length - 1);
        ManufacturerCode recent = RECENT[slot];
        if (recent != null && recent.code == code) {
            return recent;
        }
        ManufacturerCode made = new ManufacturerCode(code);
        RECENT[slot] = made;
        return made;
    }

    private static final ManufacturerCode[] RECENT = new ManufacturerCode[256];

    /** The three letters, e.g. {@code "NET"}; a code that is not letters gives characters from '@'..'_'. */
    public String letters() {
        char[] letters = new char[3];
        for (int i = 0; i < 3; i++) {
            letters[i] = (char) ('@' + ((code >> (LETTER_BITS * (2 - i))) & LETTER_MASK));
        }
        return new String(letters);
    }

    /** The two bytes sent on the wire, LSB first. */
    public byte[] toWire() {
        return new byte[] {(byte) code, (byte) (code >> 8)};
    }

    @Override
    public String toString() {
        return String.format("%s (%04Xh)", letters(), code);
    }
}
