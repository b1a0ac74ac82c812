package org.p2gate.mbus.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HexFormat;

/** Reading the shared vectors' hex fields. */
final class Vectors {

    static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Vectors() {}

    static byte[] bytes(JsonNode vector, String pointer) {
        JsonNode node = vector.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException(vector.path("id").asText() + " has no " + pointer);
        }
        return HEX.parseHex(node.asText());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * The data records of a plaintext that starts with the 2F 2F verification bytes and ends with
     * 2Fh padding: without the two leading and all trailing 2Fh (the vectors' records never end in 2Fh).
     */
    static byte[] recordsOf(byte[] plaintext) {
        if (plaintext[0] != 0x2F || plaintext[1] != 0x2F) {
            throw new IllegalStateException("a plaintext starts with 2F 2F");
        }
        int end = plaintext.length;
        while (end > 2 && plaintext[end - 1] == 0x2F) {
            end--;
        }
        return Arrays.copyOfRange(plaintext, 2, end);
    }
}
