package org.p2gate.mbus.security;

import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * DSMR P2 4.2.2 §6.5.1 and Appendix B1.1: the two data records that carry a wrapped user key over
 * P2 (in an unencrypted SND_UD, CI 51h/5Bh):
 * {@code 07 FD 19} + 8 bytes and {@code 47 FD 19} + 8 bytes.
 *
 * <p>The 16-byte wrapped key, read as one 128-bit number (AES output, most significant byte
 * first), is sent as two 64-bit integers LSB first, the low half first (DIF 07h, storage 0) and
 * the high half second (DIF 47h, storage bit set). So the 16 wire bytes are the ciphertext in
 * reverse order. Thread-safe and stateless.
 */
public final class KeyTransferRecords {

    /** DIF 07h: 64-bit integer, storage number 0 (low half). */
    static final int DIF_LOW = 0x07;
    /** DIF 47h: 64-bit integer, storage bit set (high half). */
    static final int DIF_HIGH = 0x47;
    /** VIF FDh: a VIFE from the extension table follows. */
    static final int VIF = 0xFD;
    /** VIFE 19h: "AES 128 key exchange" (P2 §6.5.1; reserved in EN 13757-3). */
    static final int VIFE = 0x19;
    /** One record: DIF VIF VIFE + 8 data bytes. */
    public static final int RECORD_LENGTH = 11;
    /** Both records. */
    public static final int LENGTH = 2 * RECORD_LENGTH;

    private static final int HALF = 8;

    private KeyTransferRecords() {}

    /** The 22 bytes of the two records for a 16-byte wrapped key (see {@link KeyWrap#wrap}). */
    public static byte[] encode(byte[] wrappedKey) {
        if (Objects.requireNonNull(wrappedKey, "wrappedKey").length != KeyWrap.LENGTH) {
            throw new IllegalArgumentException("a wrapped AES-128 key has 16 bytes, got " + wrappedKey.length);
        }
        byte[] out = new byte[LENGTH];
        header(out, 0, DIF_LOW);
        header(out, RECORD_LENGTH, DIF_HIGH);
        // P2 §6.5.1: "AES KEY1 is the LSB in the LSB half of the key": wire byte i = ciphertext byte 15 - i.
        for (int i = 0; i < KeyWrap.LENGTH; i++) {
            int wire = i < HALF ? 3 + i : RECORD_LENGTH + 3 + (i - HALF);
            out[wire] = wrappedKey[KeyWrap.LENGTH - 1 - i];
        }
        return out;
    }

    /**
     * The 16-byte wrapped key from exactly the two records at {@code bytes[off..off+len)}, in the
     * order P2 §6.5.1 sends them (DIF 07h first, then DIF 47h).
     *
     * @throws DecodeException {@code TRUNCATED} if fewer than 22 bytes are given,
     *         {@code BAD_LENGTH} if more, {@code BAD_RECORD} at the first byte that is not the
     *         expected DIF, VIF or VIFE; offsets index {@code bytes}
     */
    public static byte[] decode(byte[] bytes, int off, int len) throws DecodeException {
        Objects.requireNonNull(bytes, "bytes");
        if (off < 0 || len < 0) {
            throw new IllegalArgumentException("negative offset " + off + " or length " + len);
        }
        int present = Math.max(0, Math.min(len, bytes.length - off));
        if (present < LENGTH) {
            throw new DecodeException(Reason.TRUNCATED, off + present,
                    "the key transfer records need 22 bytes, " + present + " are present");
        }
        if (len > LENGTH) {
            throw new DecodeException(Reason.BAD_LENGTH, off + LENGTH,
                    "the key transfer records are 22 bytes, " + (len - LENGTH) + " more follow them");
        }
        expect(bytes, off, DIF_LOW, "DIF 07h (64-bit integer, storage 0: the low half of the key)");
        expect(bytes, off + 1, VIF, "VIF FDh");
        expect(bytes, off + 2, VIFE, "VIFE 19h (AES-128 key exchange)");
        expect(bytes, off + RECORD_LENGTH, DIF_HIGH, "DIF 47h (64-bit integer, storage 1: the high half of the key)");
        expect(bytes, off + RECORD_LENGTH + 1, VIF, "VIF FDh");
        expect(bytes, off + RECORD_LENGTH + 2, VIFE, "VIFE 19h (AES-128 key exchange)");
        byte[] key = new byte[KeyWrap.LENGTH];
        for (int i = 0; i < KeyWrap.LENGTH; i++) {
            int wire = i < HALF ? 3 + i : RECORD_LENGTH + 3 + (i - HALF);
            key[KeyWrap.LENGTH - 1 - i] = bytes[off + wire];
        }
        return key;
    }

    private static void header(byte[] out, int at, int dif) {
        out[at] = (byte) dif;
        out[at + 1] = (byte) VIF;
        out[at + 2] = (byte) VIFE;
    }

    private static void expect(byte[] bytes, int at, int value, String what) throws DecodeException {
        int actual = bytes[at] & 0xFF;
        if (actual != value) {
            throw new DecodeException(Reason.BAD_RECORD, at, "key transfer record: expected " + what
                    + ", found " + hex(actual) + "h");
        }
    }

    private static String hex(int b) {
        char[] digits = "0123456789ABCDEF".toCharArray();
        return new String(new char[] {digits[b >>> 4], digits[b & 0xF]});
    }
}
