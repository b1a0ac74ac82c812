package org.p2gate.mbus.security;

import java.util.Objects;
import org.bouncycastle.crypto.macs.CMac;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * The MAC of the OMS authentication and fragmentation layer (AFL, CI 90h) under security profile
 * B (OMS Vol. 2 Annex N.2.3/N.2.4; N.3: "MCL … AES128-CMAC, 8 bytes"): AES-CMAC with the session
 * key Kmac (or Lmac towards the meter), truncated to its first 8 bytes.
 *
 * <p>The MAC covers AFL.MCL ‖ AFL.MCR ‖ every byte after the AFL, from the TPL CI field through
 * the last (encrypted) byte. {@link #compute(AesKey, int, long, byte[], int, int)} assembles that
 * for an AFL with MCL and MCR only; an AFL parser that meets further MAC-covered AFL fields passes
 * the exact MAC input to {@link #compute(AesKey, byte[], int, int)}. Thread-safe and stateless.
 */
public final class AflMac {

    /** OMS MCL authentication type 5: the CMAC truncated to 8 bytes (its most significant, first bytes). */
    public static final int LENGTH = 8;

    private AflMac() {}

    /** The 8-byte MAC over exactly {@code macInput[off..off+len)}. */
    public static byte[] compute(AesKey kmac, byte[] macInput, int off, int len) {
        Objects.requireNonNull(kmac, "kmac");
        Objects.checkFromIndexSize(off, len, macInput.length);
        CMac mac = Cmac.start(kmac);
        mac.update(macInput, off, len);
        return truncate(mac);
    }

    /**
     * The 8-byte MAC over MCL ‖ MCR (4 bytes, LSB first) ‖ {@code tpl[off..off+len)}, the bytes
     * from the TPL CI field to the end of the message (OMS Annex N.2.3).
     */
    public static byte[] compute(AesKey kmac, int mcl, long mcr, byte[] tpl, int off, int len) {
        Objects.requireNonNull(kmac, "kmac");
        Objects.checkFromIndexSize(off, len, tpl.length);
        if (mcl < 0 || mcl > 0xFF || mcr < 0 || mcr > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("MCL is one byte and MCR four, got " + mcl + " and " + mcr);
        }
        byte[] head = new byte[5];
        head[0] = (byte) mcl;
        LittleEndian.write(mcr, head, 1, 4);
        CMac mac = Cmac.start(kmac);
        mac.update(head, 0, head.length);
        mac.update(tpl, off, len);
        return truncate(mac);
    }

    /**
     * Checks the received MAC {@code received[macOff..macOff+8)} against {@code expected}, in
     * constant time.
     *
     * @throws DecodeException {@code BAD_MAC} at {@code macOff} if they differ (wrong key, wrong
     *         message counter, or altered data); {@code TRUNCATED} if fewer than 8 bytes are there
     */
    public static void verify(byte[] expected, byte[] received, int macOff) throws DecodeException {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(received, "received");
        if (expected.length != LENGTH) {
            throw new IllegalArgumentException("an AFL MAC has 8 bytes, got " + expected.length);
        }
        if (macOff < 0 || macOff > received.length || received.length - macOff < LENGTH) {
            throw new DecodeException(Reason.TRUNCATED, received.length,
                    "the AFL MAC needs 8 bytes from byte " + macOff + ", the message has " + received.length);
        }
        int diff = 0;
        for (int i = 0; i < LENGTH; i++) {
            diff |= expected[i] ^ received[macOff + i];
        }
        if (diff != 0) {
            throw new DecodeException(Reason.BAD_MAC, macOff,
                    "the AFL MAC does not verify: wrong key, wrong message counter, or altered data");
        }
    }

    private static byte[] truncate(CMac mac) {
        byte[] full = new byte[Cmac.LENGTH];
        mac.doFinal(full, 0);
        byte[] out = new byte[LENGTH];
        System.arraycopy(full, 0, out, 0, LENGTH);
        return out;
    }
}
