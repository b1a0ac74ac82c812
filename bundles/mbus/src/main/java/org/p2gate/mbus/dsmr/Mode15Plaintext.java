package org.p2gate.mbus.dsmr;

import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.record.DataRecord;

/**
 * The shape DSMR P2 4.2.2 §5.1 gives the decrypted part of a mode-15 message, checked before anything in it is
 * used: two 2Fh verification fillers at the start of the first block; then data records, each of which decodes,
 * with no special function among them (DSMR has no manufacturer-specific data, DIF 0Fh/1Fh, nor a global readout
 * request, DIF 7Fh, in an answer); then the 2Fh fillers that fill "unused bytes in the last 16-byte block", at
 * least two ("An extra data block shall be added when necessary"), so 2..17 of them, to the end.
 *
 * <p>The 2F 2F check alone passes a wrong IV whose difference happens to keep the first two bytes (issue 16: the
 * first block of such an answer decrypted to 2F 2F and a DIF 0Fh, and the rest was taken as manufacturer data);
 * this shape rarely survives a garbled first block.
 */
public final class Mode15Plaintext {

    /** EN 13757-3 Table 6: the idle filler; P2 §5.1: the verification bytes. */
    private static final int FILLER = 0x2F;
    private static final int LEADING_FILLERS = 2;
    private static final int MIN_TRAILING_FILLERS = 2;
    private static final int BLOCK = 16;

    private Mode15Plaintext() {}

    /**
     * Checks {@code plain} (the whole decrypted part, a multiple of 16 bytes).
     *
     * @throws DecodeException {@link Reason#BAD_FILLER} for fillers out of place, {@link Reason#BAD_RECORD} for a
     *         record that does not decode or a special function; the offset is into {@code plain}
     */
    public static void check(byte[] plain) throws DecodeException {
        if (plain.length < BLOCK || plain.length % BLOCK != 0) {
            throw new DecodeException(Reason.DECRYPTION_FAILED, 0, "the decrypted part has " + plain.length
                    + " bytes, not a positive multiple of 16 (P2 §5.1)");
        }
        for (int i = 0; i < LEADING_FILLERS; i++) {
            if ((plain[i] & 0xFF) != FILLER) {
                throw new DecodeException(Reason.BAD_FILLER, i, "decrypted byte " + i + " is not the 2Fh verification "
                        + "filler (P2 §5.1)");
            }
        }
        int pos = LEADING_FILLERS;
        while (pos < plain.length && (plain[pos] & 0xFF) != FILLER) {
            int dif = plain[pos] & 0xFF;
            if ((dif & 0x0F) == 0x0F) {
                throw new DecodeException(Reason.BAD_RECORD, pos, "special function DIF " + hex(dif) + " at decrypted byte "
                        + pos + ": a DSMR answer has data records only (P2 §5.1, §6.4)");
            }
            DataRecord record = DataRecord.decode(plain, pos, plain.length);
            pos += record.length();
        }
        int trailing = plain.length - pos;
        for (int i = pos; i < plain.length; i++) {
            if ((plain[i] & 0xFF) != FILLER) {
                throw new DecodeException(Reason.BAD_FILLER, i, "decrypted byte " + i + " is " + hex(plain[i] & 0xFF)
                        + " after a 2Fh filler at byte " + pos + ": fillers only fill the last block (P2 §5.1)");
            }
        }
        if (trailing < MIN_TRAILING_FILLERS || trailing > BLOCK + 1) {
            throw new DecodeException(Reason.BAD_FILLER, pos, trailing + " trailing 2Fh filler(s): P2 §5.1 wants at "
                    + "least two, and no more than fill the last block (2..17)");
        }
    }

    private static String hex(int value) {
        return String.format("%02Xh", value);
    }
}
