package org.p2gate.mbus.security;

import java.security.GeneralSecurityException;
import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * AES-128-CBC over application data framed by the 2Fh verification filler: what DSMR mode 15 and
 * OMS modes 5 and 7 share; they differ only in the IV and in how many trailing fillers they ask for.
 */
final class FilledCbc {

    /** EN 13757-3 / P2 4.2.2 §5.1: the idle filler DIF 2Fh, also the decryption verification byte. */
    static final byte FILLER = 0x2F;
    /** P2 4.2.2 §5.1, OMS Annex N.2.1/N.2.3 ("AES-Verify"): the encrypted part starts with two 2Fh bytes. */
    static final int LEADING_FILLERS = 2;

    private FilledCbc() {}

    /**
     * 2F 2F ‖ records ‖ 2F… up to a multiple of 16 with at least {@code minTrailing} trailing fillers,
     * then encrypted: the ciphertext, one new array.
     */
    static byte[] encrypt(AesKey key, byte[] iv, byte[] records, int off, int len, int minTrailing) {
        Objects.requireNonNull(key, "key");
        Objects.checkFromIndexSize(off, len, Objects.requireNonNull(records, "records").length);
        int padded = ((LEADING_FILLERS + len + minTrailing + Aes.BLOCK - 1) / Aes.BLOCK) * Aes.BLOCK;
        byte[] out = new byte[padded];
        out[0] = FILLER;
        out[1] = FILLER;
        System.arraycopy(records, off, out, LEADING_FILLERS, len);
        for (int i = LEADING_FILLERS + len; i < padded; i++) {
            out[i] = FILLER;
        }
        Aes.cbcEncrypt(key, iv, out, 0, padded, out, 0);
        return out;
    }

    /**
     * Decrypts {@code len} bytes of {@code data} at {@code off} and checks that the plaintext starts
     * with 2F 2F; returns the whole plaintext, fillers included, so that an offset into it is the
     * same as the offset into the encrypted part. Error offsets are indices into {@code data}.
     */
    static byte[] decrypt(AesKey key, byte[] iv, byte[] data, int off, int len, String what) throws DecodeException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        if (off < 0 || len < 0) {
            throw new IllegalArgumentException("negative offset " + off + " or length " + len);
        }
        if (off > data.length || data.length - off < len) {
            throw new DecodeException(Reason.TRUNCATED, data.length, what + ": the encrypted part needs " + len
                    + " bytes from byte " + off + ", only " + Math.max(0, data.length - off) + " are present");
        }
        if (len == 0 || len % Aes.BLOCK != 0) {
            // P2 4.2.2 §5.1: the encrypted length is an integer multiple of 16 (at least one block).
            throw new DecodeException(Reason.DECRYPTION_FAILED, off + len - len % Aes.BLOCK, what
                    + ": the encrypted part must be a positive multiple of 16 bytes, it has " + len);
        }
        byte[] plain = new byte[len];
        try {
            Aes.cbcDecrypt(key, iv, data, off, len, plain, 0);
        } catch (GeneralSecurityException e) {
            throw new DecodeException(Reason.DECRYPTION_FAILED, off, what + ": AES-128-CBC failed: "
                    + e.getClass().getSimpleName(), e);
        }
        for (int i = 0; i < LEADING_FILLERS; i++) {
            if (plain[i] != FILLER) {
                // P2 4.2.2 §5.1: both sides check the two 2Fh filler bytes before further processing.
                throw new DecodeException(Reason.BAD_FILLER, off + i, what + ": decrypted byte " + i
                        + " is not the 2Fh verification filler: wrong key, wrong IV, or altered data");
            }
        }
        return plain;
    }
}
