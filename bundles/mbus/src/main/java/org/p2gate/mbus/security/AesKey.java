package org.p2gate.mbus.security;

import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 128-bit AES key (DSMR default key or user key, OMS master or session key) that never shows
 * its bytes.
 *
 * <p>{@link #toString()} prints no key byte and no key-derived fingerprint, {@link #equals} runs
 * in constant time, and {@link #hashCode()} is the same for every key (a key-derived hash would
 * be a 32-bit fingerprint). The bytes leave this object only through {@link #exportBytes()},
 * meant for the persistence layer and for the P3 key transfer, and package-privately to the
 * ciphers of this package.
 *
 * <p>P2 4.2.2 §6.5.1: a user key of sixteen 00h bytes means "no user key": messages are sent
 * unencrypted (encryption method code 0, §5.1). {@link #isZero()} tells it.
 */
public final class AesKey {

    /** The key size in bytes. */
    public static final int LENGTH = 16;

    /** P2 4.2.2 §6.5.1: the all-zero user key, "no user key defined". */
    public static final AesKey ZERO = new AesKey(new byte[LENGTH]);

    private final byte[] bytes;
    private final SecretKeySpec spec;

    private AesKey(byte[] ownedBytes) {
        this.bytes = ownedBytes;
        this.spec = new SecretKeySpec(ownedBytes, "AES");
    }

    /** A key from its 16 bytes (copied). */
    public static AesKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("an AES-128 key has 16 bytes, got " + key.length);
        }
        return new AesKey(key.clone());
    }

    /** A key from 16 bytes of {@code bytes} at {@code offset} (copied). */
    public static AesKey of(byte[] bytes, int offset) {
        Objects.requireNonNull(bytes, "bytes");
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new IllegalArgumentException("an AES-128 key needs 16 bytes at offset " + offset
                    + ", the array holds " + bytes.length);
        }
        byte[] key = new byte[LENGTH];
        System.arraycopy(bytes, offset, key, 0, LENGTH);
        return new AesKey(key);
    }

    /** A key that takes over {@code ownedBytes} (16, not copied): for keys computed in this package. */
    static AesKey adopt(byte[] ownedBytes) {
        if (ownedBytes.length != LENGTH) {
            throw new IllegalArgumentException("an AES-128 key has 16 bytes, got " + ownedBytes.length);
        }
        return new AesKey(ownedBytes);
    }

    /**
     * A key from 32 hexadecimal digits (either case), e.g. as typed by an operator. The error
     * message of a malformed string names the position of the fault, never the string itself.
     */
    public static AesKey fromHex(CharSequence hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an AES-128 key has 32 hex digits, got " + hex.length() + " characters");
        }
        byte[] key = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("an AES-128 key has only hex digits 0-9 A-F; character "
                        + (high < 0 ? 2 * i : 2 * i + 1) + " is not one");
            }
            key[i] = (byte) (high << 4 | low);
        }
        return new AesKey(key);
    }

    /** P2 4.2.2 §6.5.1: whether this is the all-zero key, meaning "no encryption". Constant time. */
    public boolean isZero() {
        int any = 0;
        for (byte b : bytes) {
            any |= b;
        }
        return any == 0;
    }

    /**
     * A copy of the 16 key bytes, for the persistence layer (which must store keys) and for the
     * P3 key transfer only. Whoever calls this takes over the duty to never log or print them.
     */
    public byte[] exportBytes() {
        return bytes.clone();
    }

    /** The key bytes themselves, not copied: only for the ciphers of this package, never to be changed. */
    byte[] bytes() {
        return bytes;
    }

    /** The JCE form of this key, built once. */
    SecretKeySpec spec() {
        return spec;
    }

    /** Constant-time comparison (no early exit on the first differing byte). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AesKey key && MessageDigest.isEqual(bytes, key.bytes);
    }

    /** The same for every key, so that no key-derived value escapes (keys are not meant as hash keys). */
    @Override
    public int hashCode() {
        return 0x4145534B;
    }

    /** {@code AesKey[128-bit, ****]}, or {@code AesKey[128-bit, zero: no encryption]} for the all-zero key. */
    @Override
    public String toString() {
        return isZero() ? "AesKey[128-bit, zero: no encryption]" : "AesKey[128-bit, ****]";
    }
}
