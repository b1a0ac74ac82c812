package org.p2gate.mbus.security;

import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * DSMR P2 4.2.2 encryption method code 15 (§5, Appendix B1.3): AES-128-CBC with the IV
 * MAN(2) ID(4) VER DEV FC(4) FC(4), the encrypted part starting with two 2Fh fillers.
 *
 * <p>The IV always holds the M-Bus <em>device's</em> Short ID (§5.2), whichever side sends. The
 * frame counter record (DIF 04h VIF FDh VIFE 08h) travels in clear after the encrypted part; the
 * record package parses it and passes its value here. The number of encrypted blocks belongs in
 * the configuration word: it is {@code ciphertext.length / 16}.
 *
 * <p>Thread-safe and stateless.
 */
public final class Mode15Cipher {

    /** The size of the IV. */
    public static final int IV_LENGTH = 16;
    /** The frame counter is a 4-byte unsigned number (DIF 04h). */
    public static final long MAX_FRAME_COUNTER = 0xFFFF_FFFFL;
    /**
     * P2 4.2.2 §5.1 "at least two filler shall present. An extra data block shall be added when
     * necessary": {@link #encrypt} ends the plaintext with at least this many 2Fh fillers as well.
     */
    static final int MIN_TRAILING_FILLERS = 2;

    private static final String WHAT = "DSMR mode 15";

    private Mode15Cipher() {}

    /**
     * P2 4.2.2 §5.2: IV = MAN(2) ID(4) VER DEV (the device's Short ID in link-address order,
     * each field LSB first) ‖ FC(4) ‖ FC(4), the frame counter LSB first, twice.
     */
    public static byte[] initializationVector(ShortId device, long frameCounter) {
        byte[] iv = new byte[IV_LENGTH];
        writeInitializationVector(device, frameCounter, iv, 0);
        return iv;
    }

    /** Writes the 16-byte IV of {@link #initializationVector} into {@code out} at {@code offset}. */
    public static void writeInitializationVector(ShortId device, long frameCounter, byte[] out, int offset) {
        Objects.requireNonNull(device, "device");
        checkFrameCounter(frameCounter);
        Objects.checkFromIndexSize(offset, IV_LENGTH, out.length);
        LittleEndian.write(device.manufacturer().code(), out, offset, 2);
        LittleEndian.write(device.identification() & 0xFFFF_FFFFL, out, offset + 2, 4);
        out[offset + 6] = (byte) device.version();
        out[offset + 7] = (byte) device.deviceType().code();
        LittleEndian.write(frameCounter, out, offset + 8, 4);
        LittleEndian.write(frameCounter, out, offset + 12, 4);
    }

    /**
     * Encrypts the data records {@code records[off..off+len)}: this method adds the two leading
     * 2Fh verification fillers itself, pads with 2Fh to a multiple of 16 bytes keeping at least two
     * trailing fillers (P2 §5.1: an extra block when needed), and returns the ciphertext. Pass the
     * records only, not the fillers.
     *
     * @throws IllegalArgumentException if the frame counter is not 0..FFFFFFFFh
     */
    public static byte[] encrypt(AesKey key, ShortId device, long frameCounter, byte[] records, int off, int len) {
        return FilledCbc.encrypt(key, initializationVector(device, frameCounter), records, off, len,
                MIN_TRAILING_FILLERS);
    }

    /** {@link #encrypt(AesKey, ShortId, long, byte[], int, int)} of the whole array. */
    public static byte[] encrypt(AesKey key, ShortId device, long frameCounter, byte[] records) {
        return encrypt(key, device, frameCounter, records, 0, records.length);
    }

    /**
     * Decrypts the encrypted part {@code data[off..off+len)} and checks the leading 2F 2F.
     *
     * <p>Returns the whole plaintext, the leading fillers and the trailing idle fillers included
     * (the record decoder skips 2Fh as an idle filler), so that an offset into it is also an offset
     * into the encrypted part. Note that the filler check cannot detect every wrong IV: a wrong
     * VER or DEV byte only changes plaintext bytes 6 and 7 of the first block.
     *
     * @throws DecodeException {@code DECRYPTION_FAILED} if {@code len} is not a positive multiple
     *         of 16, {@code TRUNCATED} if {@code data} holds fewer than {@code len} bytes from
     *         {@code off}, {@code BAD_FILLER} if the plaintext does not start with 2F 2F (wrong key
     *         or altered data); offsets are indices into {@code data}
     * @throws IllegalArgumentException if the frame counter is not 0..FFFFFFFFh
     */
    public static byte[] decrypt(AesKey key, ShortId device, long frameCounter, byte[] data, int off, int len)
            throws DecodeException {
        return FilledCbc.decrypt(key, initializationVector(device, frameCounter), data, off, len, WHAT);
    }

    private static void checkFrameCounter(long frameCounter) {
        if (frameCounter < 0 || frameCounter > MAX_FRAME_COUNTER) {
            throw new IllegalArgumentException("a frame counter is 0..FFFFFFFFh (4 bytes), got " + frameCounter);
        }
    }
}
