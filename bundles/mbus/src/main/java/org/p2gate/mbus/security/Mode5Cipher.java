package org.p2gate.mbus.security;

import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * OMS security profile A, EN 13757-3 security mode 5 (OMS Vol. 2 Annex N.2.1, N.4, N.6–N.8):
 * AES-128-CBC with IV = M(2) A(6) ‖ ACC × 8, the encrypted part starting with 2F 2F.
 *
 * <p>M and A are the meter's link-layer address (manufacturer, ident, version, device type: the
 * {@link ShortId} in link-address order); ACC is the access number of the transport layer.
 * Unlike DSMR mode 15, mode 5 pads only up to the next multiple of 16. Thread-safe and stateless.
 */
public final class Mode5Cipher {

    /** The size of the IV. */
    public static final int IV_LENGTH = 16;

    private static final String WHAT = "OMS mode 5";

    private Mode5Cipher() {}

    /** OMS Annex N.2.1: IV = M field ‖ A field (ident, version, device type) ‖ 8 × access number. */
    public static byte[] initializationVector(ShortId meter, int accessNumber) {
        Objects.requireNonNull(meter, "meter");
        if (accessNumber < 0 || accessNumber > 0xFF) {
            throw new IllegalArgumentException("an access number is one byte, got " + accessNumber);
        }
        byte[] iv = new byte[IV_LENGTH];
        LittleEndian.write(meter.manufacturer().code(), iv, 0, 2);
        LittleEndian.write(meter.identification() & 0xFFFF_FFFFL, iv, 2, 4);
        iv[6] = (byte) meter.version();
        iv[7] = (byte) meter.deviceType().code();
        for (int i = 8; i < IV_LENGTH; i++) {
            iv[i] = (byte) accessNumber;
        }
        return iv;
    }

    /**
     * Encrypts the data records {@code records[off..off+len)}: adds the leading 2F 2F itself and
     * pads with 2Fh to a multiple of 16 bytes. Pass the records only, not the fillers.
     */
    public static byte[] encrypt(AesKey key, ShortId meter, int accessNumber, byte[] records, int off, int len) {
        return FilledCbc.encrypt(key, initializationVector(meter, accessNumber), records, off, len, 0);
    }

    /**
     * Decrypts {@code data[off..off+len)} and checks the leading 2F 2F; returns the whole
     * plaintext, fillers included.
     *
     * @throws DecodeException {@code DECRYPTION_FAILED} (length not a positive multiple of 16),
     *         {@code TRUNCATED}, {@code BAD_FILLER} (wrong key or altered data); offsets index {@code data}
     */
    public static byte[] decrypt(AesKey key, ShortId meter, int accessNumber, byte[] data, int off, int len)
            throws DecodeException {
        return FilledCbc.decrypt(key, initializationVector(meter, accessNumber), data, off, len, WHAT);
    }
}
