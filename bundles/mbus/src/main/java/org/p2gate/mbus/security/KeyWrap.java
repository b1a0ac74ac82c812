package org.p2gate.mbus.security;

import java.util.Objects;

/**
 * DSMR P2 4.2.2 §6.5 and Appendix B1.1: the user key travels encrypted with the device's default
 * key, AES-128 on the single 16-byte block (ECB, no padding). The central system wraps, the E-meter
 * only forwards, the M-Bus device unwraps (the simulated meter here). Thread-safe and stateless.
 */
public final class KeyWrap {

    /** The size of a wrapped key. */
    public static final int LENGTH = 16;

    private KeyWrap() {}

    /** P2 §6.5.1: AES-128-ECB(defaultKey, userKey), a new 16-byte array. */
    public static byte[] wrap(AesKey defaultKey, AesKey userKey) {
        Objects.requireNonNull(defaultKey, "defaultKey");
        return Aes.ecbEncrypt(defaultKey, Objects.requireNonNull(userKey, "userKey").bytes(), 0);
    }

    /**
     * P2 §6.5.1: the device "will decrypt this new User key using its Default key". No integrity
     * check exists: a wrong default key yields a different, equally valid-looking key.
     */
    public static AesKey unwrap(AesKey defaultKey, byte[] wrappedKey) {
        Objects.requireNonNull(defaultKey, "defaultKey");
        if (Objects.requireNonNull(wrappedKey, "wrappedKey").length != LENGTH) {
            throw new IllegalArgumentException("a wrapped AES-128 key has 16 bytes, got " + wrappedKey.length);
        }
        return AesKey.adopt(Aes.ecbDecrypt(defaultKey, wrappedKey, 0));
    }
}
