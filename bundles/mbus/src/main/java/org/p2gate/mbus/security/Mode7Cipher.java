package org.p2gate.mbus.security;

import org.p2gate.mbus.DecodeException;

/**
 * OMS security profile B, EN 13757-3 security mode 7 (OMS Vol. 2 Annex N.2.3, N.11): AES-128-CBC
 * under the per-message key Kenc (see {@link KeyDerivation}) with an all-zero IV, the encrypted
 * part starting with 2F 2F. The message is authenticated separately by the AFL MAC ({@link AflMac}).
 *
 * <p>The IV can be zero because Kenc changes with every message counter. Thread-safe and stateless.
 */
public final class Mode7Cipher {

    private static final String WHAT = "OMS mode 7";

    private Mode7Cipher() {}

    /** OMS Annex N.2.3: mode 7 uses a 16-byte all-zero IV. A new array on every call. */
    static byte[] initializationVector() {
        return new byte[Aes.BLOCK];
    }

    /**
     * Encrypts the data records {@code records[off..off+len)} with Kenc: adds the leading 2F 2F
     * itself and pads with 2Fh to a multiple of 16 bytes. Pass the records only, not the fillers.
     */
    public static byte[] encrypt(AesKey kenc, byte[] records, int off, int len) {
        return FilledCbc.encrypt(kenc, initializationVector(), records, off, len, 0);
    }

    /**
     * Decrypts {@code data[off..off+len)} with Kenc and checks the leading 2F 2F; returns the whole
     * plaintext, fillers included. Verify the AFL MAC before relying on the content.
     *
     * @throws DecodeException {@code DECRYPTION_FAILED}, {@code TRUNCATED}, {@code BAD_FILLER};
     *         offsets index {@code data}
     */
    public static byte[] decrypt(AesKey kenc, byte[] data, int off, int len) throws DecodeException {
        return FilledCbc.decrypt(kenc, initializationVector(), data, off, len, WHAT);
    }
}
