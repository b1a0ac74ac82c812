package org.p2gate.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A telegram given as hex: on the command line, or in a file (spaced hex, as in the libmbus corpus). */
final class HexInput {

    private HexInput() {}

    /** Thrown for input that is not hex; the message says where. */
    static final class NotHexException extends Exception {
        private static final long serialVersionUID = 1L;

        NotHexException(String message) {
            super(message);
        }
    }

    /** Reads {@code argument} as a file if one exists by that name, else as hex digits. */
    static byte[] read(String argument) throws IOException, NotHexException {
        Path file = Path.of(argument);
        if (argument.length() < 256 && Files.isRegularFile(file)) {
            return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        }
        return parse(argument, "the argument");
    }

    /** Hex digits, with any whitespace between them; an optional "0x" prefix; '#' starts a comment line. */
    static byte[] parse(String text, String source) throws NotHexException {
        StringBuilder digits = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String content = line.strip();
            if (content.startsWith("#")) {
                continue;
            }
            if (content.startsWith("0x") || content.startsWith("0X")) {
                content = content.substring(2);
            }
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (Character.digit(c, 16) >= 0) {
                    digits.append(c);
                } else if (!Character.isWhitespace(c)) {
                    throw new NotHexException(source + " is not hex: '" + c + "' after " + digits.length() + " digits");
                }
            }
        }
        if (digits.length() == 0) {
            throw new NotHexException(source + " holds no hex digits");
        }
        if (digits.length() % 2 != 0) {
            throw new NotHexException(source + " has an odd number of hex digits (" + digits.length() + ")");
        }
        return java.util.HexFormat.of().parseHex(digits);
    }
}
