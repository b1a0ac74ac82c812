package org.p2gate.p3;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A DLMS system title: 8 bytes naming a party of a ciphered association (DLMS Green Book 9.2.4.8.2:
 * the first three bytes are the FLAG manufacturer code, the other five a unique number). It is no
 * secret; it enters every GCM nonce.
 */
public final class SystemTitle {

    /** The length of a system title in bytes. */
    public static final int LENGTH = 8;

    private final byte[] bytes;

    private SystemTitle(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A system title from its 8 bytes (copied). */
    public static SystemTitle of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a system title has 8 bytes, got " + bytes.length);
        }
        return new SystemTitle(bytes.clone());
    }

    /** A system title from 16 hexadecimal digits, e.g. {@code 5032470000000001}. */
    public static SystemTitle fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        String digits = hex.strip();
        if (digits.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a system title has 16 hex digits, got " + digits.length() + " characters");
        }
        try {
            return new SystemTitle(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a system title has only hex digits 0-9 A-F: '" + digits + "'");
        }
    }

    /** A copy of the 8 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SystemTitle title && Arrays.equals(bytes, title.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The 16 hex digits, upper case. */
    @Override
    public String toString() {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
