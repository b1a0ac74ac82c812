package org.p2gate.mbus.frame;

import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * The two FT3 block layouts of wireless M-Bus (EN 13757-4 "frame format A" and "frame format B").
 *
 * <p>Both start with block 1 = L C M M A A A A A A (10 bytes). This class converts between a frame as sent
 * (with its block CRCs) and the same frame without CRCs, whose L counts the bytes after L without CRCs
 * (the "link data" form a format A frame announces, and what many radio dongles deliver).
 * <ul>
 * <li><b>A</b> (P2 4.2.2 §3.2 Table 4, the format DSMR uses): block 1 + CRC, then blocks of 16 bytes + CRC,
 *     the last one shorter. L does not count the CRCs.</li>
 * <li><b>B</b> (mode C/T2 optional): block 1 (no CRC of its own) and block 2 (CI + up to 115 bytes) share
 *     one CRC over both (up to 126 bytes); an optional block 3 holds the rest + CRC. L counts the CRC
 *     bytes: a two-block frame has L ≤ 127, a three-block one L ≥ 130 (128 and 129 are impossible).
 *     Layout per EN 13757-4 frame format B, as also implemented by rtl_433
 *     (src/devices/m_bus.c, m_bus_decode_format_b) and the ESPHome wM-Bus component.</li>
 * </ul>
 * A {@link DecodeException} offset is relative to the first byte passed in; for BAD_CRC it is the first
 * byte the failing CRC covers.
 */
public enum WirelessFrameFormat {
    A,
    B;

    /** Block 1: L C M M A A A A A A. */
    static final int BLOCK1 = 10;
    /** Format A: data bytes per block after block 1. */
    static final int BLOCK_A = 16;
    /** Format B: bytes covered by the first CRC at most (block 1 + block 2 of CI + 115 bytes). */
    static final int BLOCKS_1_2_B = 126;
    /** The fewest bytes without CRCs: block 1 and a CI-field. */
    static final int MIN_BYTES = BLOCK1 + 1;

    /**
     * The total bytes of a frame (L itself and every CRC included) whose L-field, as sent in this format,
     * is {@code lField}; lets a radio driver know how many bytes to receive after L.
     *
     * @throws DecodeException BAD_LENGTH (offset 0) for an L no frame of this format can have
     */
    public int frameLength(int lField) throws DecodeException {
        return sentLength(bytesWithoutCrcs(lField));
    }

    /** The number of bytes without CRCs (L to the end) of a frame whose L, as sent, is {@code lField}. */
    int bytesWithoutCrcs(int lField) throws DecodeException {
        if (lField < 0 || lField > 0xFF) {
            throw new IllegalArgumentException("L is one byte, got " + lField);
        }
        if (this == A) {
            if (lField < MIN_BYTES - 1) {
                throw new DecodeException(Reason.BAD_LENGTH, 0, "format A: L = " + lField + " leaves no CI-field (L ≥ 10)");
            }
            return lField + 1;
        }
        // EN 13757-4 format B: L counts the CRCs
        if (lField < MIN_BYTES + 1) {
            throw new DecodeException(Reason.BAD_LENGTH, 0, "format B: L = " + lField + " leaves no CI-field (L ≥ 12)");
        }
        if (lField <= BLOCKS_1_2_B + 1) {
            return lField - 1;
        }
        if (lField < BLOCKS_1_2_B + 4) {
            throw new DecodeException(Reason.BAD_LENGTH, 0,
                    "format B: L = " + lField + " would give block 3 no data (L ≤ 127 or L ≥ 130)");
        }
        return lField - 3;
    }

    /** The bytes as sent for {@code n} bytes without CRCs. */
    int sentLength(int n) {
        if (this == A) {
            return n + 2 * (1 + (n - BLOCK1 + BLOCK_A - 1) / BLOCK_A);
        }
        return n <= BLOCKS_1_2_B ? n + 2 : n + 4;
    }

    /** The L-field as sent for {@code n} bytes without CRCs. */
    int sentLField(int n) {
        return this == A ? n - 1 : sentLength(n) - 1;
    }

    /**
     * Verifies and removes the block CRCs of exactly one frame.
     *
     * @return L C M A CI… without CRCs, with L = the number of bytes after L without CRCs
     * @throws DecodeException TRUNCATED, BAD_LENGTH (impossible L, bytes after the frame), BAD_CRC
     */
    public byte[] removeCrcs(byte[] bytes, int offset, int length) throws DecodeException {
        int n = checkedSize(bytes, offset, length);
        byte[] out = new byte[n];
        removeCrcsInto(bytes, offset, n, out);
        return out;
    }

    /** Checks the range and L; returns the number of bytes without CRCs. */
    int checkedSize(byte[] bytes, int offset, int length) throws DecodeException {
        if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        if (length == 0) {
            throw new DecodeException(Reason.TRUNCATED, 0, "no bytes: a wireless frame starts with its L-field");
        }
        int n = bytesWithoutCrcs(bytes[offset] & 0xFF);
        int total = sentLength(n);
        if (length < total) {
            throw new DecodeException(Reason.TRUNCATED, length,
                    "format " + name() + ": L = " + (bytes[offset] & 0xFF) + " announces " + total + " bytes with CRCs, only "
                            + length + " present");
        }
        if (length > total) {
            throw new DecodeException(Reason.BAD_LENGTH, total,
                    (length - total) + " bytes after the end of a " + total + "-byte format " + name() + " frame");
        }
        return n;
    }

    /** Verifies each block's CRC and copies the data of a checked frame of {@code n} bytes (no CRCs) into {@code out}. */
    void removeCrcsInto(byte[] bytes, int offset, int n, byte[] out) throws DecodeException {
        if (this == A) {
            int in = 0;
            int copied = 0;
            int block = 1;
            int size = BLOCK1;
            while (copied < n) {
                if (!Crc16.matches(bytes, offset + in, size)) {
                    throw badCrc(block, in);
                }
                System.arraycopy(bytes, offset + in, out, copied, size);
                in += size + 2;
                copied += size;
                block++;
                size = Math.min(BLOCK_A, n - copied);
            }
        } else {
            int first = Math.min(n, BLOCKS_1_2_B);
            if (!Crc16.matches(bytes, offset, first)) {
                throw badCrc(2, 0);
            }
            System.arraycopy(bytes, offset, out, 0, first);
            if (n > first) {
                int in = first + 2;
                if (!Crc16.matches(bytes, offset + in, n - first)) {
                    throw badCrc(3, in);
                }
                System.arraycopy(bytes, offset + in, out, first, n - first);
            }
            out[0] = (byte) (n - 1);
        }
    }

    /**
     * Adds the block CRCs to a frame without CRCs (L C M A CI…, L = bytes after L without CRCs), and
     * for format B sets L to count them.
     */
    public byte[] insertCrcs(byte[] withoutCrcs) {
        int n = withoutCrcs.length;
        if (n < MIN_BYTES || (withoutCrcs[0] & 0xFF) != n - 1) {
            throw new IllegalArgumentException("need L C M A CI… with L = bytes after L (" + (n - 1) + "), at least 11 bytes, got L = "
                    + (n == 0 ? "none" : Integer.toString(withoutCrcs[0] & 0xFF)));
        }
        if (sentLField(n) > 0xFF) {
            throw new IllegalArgumentException("format " + name() + " cannot send " + n + " bytes: L would be " + sentLField(n));
        }
        byte[] out = new byte[sentLength(n)];
        insertCrcsInto(withoutCrcs, 0, n, out);
        return out;
    }

    /** Writes {@code n} bytes without CRCs (at {@code offset}) as sent in this format into {@code out}. */
    void insertCrcsInto(byte[] source, int offset, int n, byte[] out) {
        if (this == A) {
            int in = 0;
            int written = 0;
            int size = BLOCK1;
            while (in < n) {
                System.arraycopy(source, offset + in, out, written, size);
                Crc16.append(out, written, size);
                in += size;
                written += size + 2;
                size = Math.min(BLOCK_A, n - in);
            }
        } else {
            int first = Math.min(n, BLOCKS_1_2_B);
            System.arraycopy(source, offset, out, 0, first);
            out[0] = (byte) sentLField(n);
            Crc16.append(out, 0, first);
            if (n > first) {
                System.arraycopy(source, offset + first, out, first + 2, n - first);
                Crc16.append(out, first + 2, n - first);
            }
        }
    }

    private DecodeException badCrc(int block, int at) {
        return new DecodeException(Reason.BAD_CRC, at, "format " + name() + ": the CRC of block " + block + " does not match");
    }
}
