package org.p2gate.headend;

/** EN 13757-3 §5.6 / FLAG: the manufacturer field, three letters in 15 bits ('A' = 1). */
final class ManufacturerCode {

    private ManufacturerCode() {}

    /** The three letters of a manufacturer field, e.g. 0x38B4 = "NET"; "?" for a letter out of A..Z. */
    static String letters(int code) {
        StringBuilder out = new StringBuilder(3);
        for (int shift = 10; shift >= 0; shift -= 5) {
            int letter = (code >> shift) & 0x1F;
            out.append(letter >= 1 && letter <= 26 ? (char) ('A' + letter - 1) : '?');
        }
        return out.toString();
    }

    /** The field of three letters A..Z (either case). */
    static int code(String letters) {
        if (letters.length() != 3) {
            throw new IllegalArgumentException("a manufacturer code has three letters (e.g. NET), got '" + letters + "'");
        }
        int code = 0;
        for (char c : letters.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("a manufacturer code has letters A..Z only, got '" + letters + "'");
            }
            code = code << 5 | (c - 'A' + 1);
        }
        return code;
    }
}
