package org.p2gate.mbus.frame;

import org.p2gate.mbus.wire.Hex;
import java.util.Arrays;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * A long frame {@code 68h L L 68h C A CI data… CS 16h} (EN 13757-2 FT1.2, P2 §3.1, P2 4.2.2 §3.1 Table 2). With no
 * data (L = 3) it is the control frame.
 *
 * <p>EN 13757-2 FT1.2, P2 §3.1: L counts the bytes from C to the last data byte (3..255, so at most 252 data bytes);
 * both L bytes are equal; CS is the arithmetic sum of C..last data byte mod 256.
 *
 * <p>Immutable: it holds its own copy of the data; {@link #data()} returns another copy. The decoder chain
 * reads the data without a copy through {@link #dataLength()}, {@link #dataByte(int)} and
 * {@link #copyDataTo(byte[], int)}, or in place in the raw frame at {@link #DATA_OFFSET}.
 *
 * @param c       the C-field
 * @param address the primary address A, 0..255
 * @param ci      the CI-field, 0..255
 * @param data    the bytes after CI up to the checksum, at most 252
 */
public final class LongFrame implements WiredFrame {

    /** The most data bytes: L ≤ 255 counts C, A and CI too. */
    public static final int MAX_DATA = 252;
    /** Where the data starts in the raw frame: after 68 L L 68 C A CI. */
    public static final int DATA_OFFSET = 7;
    /** The L of a control frame: C, A, CI. */
    static final int CONTROL_L = 3;

    private final CField c;
    private final int address;
    private final int ci;
    private final byte[] data;

    /** A long frame of these fields; {@code data} is copied. */
    public LongFrame(CField c, int address, int ci, byte[] data) {
        this(c, address, ci, data == null ? null : checked(data).clone(), true);
    }

    /** Takes {@code data} as it is: only for arrays nobody else holds (the decoder's own copy). */
    private LongFrame(CField c, int address, int ci, byte[] ownData, boolean owned) {
        if (c == null || ownData == null) {
            throw new IllegalArgumentException("a long frame needs a C-field and data (empty for a control frame)");
        }
        if (address < 0 || address > 0xFF || ci < 0 || ci > 0xFF) {
            throw new IllegalArgumentException("address and CI are one byte each, got " + address + ", " + ci);
        }
        this.c = c;
        this.address = address;
        this.ci = ci;
        this.data = checked(ownData);
    }

    private static byte[] checked(byte[] data) {
        if (data != null && data.length > MAX_DATA) {
            throw new IllegalArgumentException("a long frame carries at most 252 data bytes, got " + data.length);
        }
        return data;
    }

    /** The C-field. */
    public CField c() {
        return c;
    }

    /** The primary address A, 0..255. */
    public int address() {
        return address;
    }

    /** The CI-field, 0..255. */
    public int ci() {
        return ci;
    }

    /** A control frame (L = 3): C, A, CI and no data, e.g. SND_UD with CI 50h (application reset). */
    public static LongFrame control(CField c, int address, int ci) {
        return new LongFrame(c, address, ci, new byte[0]);
    }

    /** A copy of the data after CI. */
    public byte[] data() {
        return data.clone();
    }

    /** The number of data bytes after CI. */
    public int dataLength() {
        return data.length;
    }

    /** Data byte {@code index} (0 = the byte after CI), unsigned. */
    public int dataByte(int index) {
        return data[index] & 0xFF;
    }

    /** Copies the data into {@code target} at {@code offset}; returns the number of bytes copied. */
    public int copyDataTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
        return data.length;
    }

    /** Whether this is a control frame: no data, L = 3. */
    public boolean isControlFrame() {
        return data.length == 0;
    }

    /** The L-field: bytes from C to the last data byte. */
    public int lField() {
        return CONTROL_L + data.length;
    }

    /** EN 13757-2 FT1.2, P2 §3.1: the checksum, sum of C, A, CI and the data mod 256. */
    public int checksum() {
        return (c.value() + address + ci + Checksum.of(data, 0, data.length)) & 0xFF;
    }

    @Override
    public int encodedLength() {
        return lField() + 6;
    }

    @Override
    public void encodeTo(byte[] target, int offset) {
        int l = lField();
        target[offset] = (byte) LONG_START;
        target[offset + 1] = (byte) l;
        target[offset + 2] = (byte) l;
        target[offset + 3] = (byte) LONG_START;
        target[offset + 4] = (byte) c.value();
        target[offset + 5] = (byte) address;
        target[offset + 6] = (byte) ci;
        System.arraycopy(data, 0, target, offset + DATA_OFFSET, data.length);
        target[offset + DATA_OFFSET + data.length] = (byte) checksum();
        target[offset + DATA_OFFSET + data.length + 1] = (byte) STOP;
    }

    /**
     * Checks as much of {@code 68 L L 68} as the {@code available} bytes hold and returns the total frame
     * length (L + 6), or -1 if more bytes are needed to know it. Offsets relative to {@code offset}.
     */
    static int expectedLength(byte[] bytes, int offset, int available) throws DecodeException {
        if (available < 2) {
            return -1;
        }
        int l = bytes[offset + 1] & 0xFF;
        if (l < CONTROL_L) {
            // EN 13757-2 FT1.2, P2 §3.1: L counts at least C, A and CI
            throw new DecodeException(Reason.BAD_LENGTH, 1, "L = " + l + " is below 3 (C, A, CI)");
        }
        if (available < 3) {
            return -1;
        }
        int l2 = bytes[offset + 2] & 0xFF;
        if (l2 != l) {
            throw new DecodeException(Reason.BAD_LENGTH, 2,
                    "the two L bytes differ: " + Hex.byteHex(l) + "h and " + Hex.byteHex(l2) + "h");
        }
        if (available < 4) {
            return -1;
        }
        if ((bytes[offset + 3] & 0xFF) != LONG_START) {
            throw new DecodeException(Reason.NO_START, 3,
                    "the second start byte is " + Hex.byteHex(bytes[offset + 3]) + "h, not 68h");
        }
        return l + 6;
    }

    /** The total length of a long frame from its header; TRUNCATED if the header is incomplete. */
    static int lengthFromHeader(byte[] bytes, int offset, int length) throws DecodeException {
        int total = expectedLength(bytes, offset, length);
        if (total < 0) {
            throw new DecodeException(Reason.TRUNCATED, length,
                    "a long frame header has 4 bytes (68 L L 68), only " + length + " present");
        }
        return total;
    }

    /** Decodes a long frame of {@code frameLength} bytes whose header has been checked. */
    static LongFrame decodeChecked(byte[] bytes, int offset, int frameLength, int length) throws DecodeException {
        if (length < frameLength) {
            throw new DecodeException(Reason.TRUNCATED, length,
                    "L = " + (frameLength - 6) + " announces a " + frameLength + "-byte frame, only " + length + " present");
        }
        int csAt = frameLength - 2;
        int expected = Checksum.of(bytes, offset + 4, frameLength - 6);
        int cs = bytes[offset + csAt] & 0xFF;
        if (cs != expected) {
            throw new DecodeException(Reason.BAD_CHECKSUM, csAt,
                    "checksum " + Hex.byteHex(cs) + "h, the sum of C..last data byte is " + Hex.byteHex(expected) + "h");
        }
        if ((bytes[offset + frameLength - 1] & 0xFF) != STOP) {
            throw new DecodeException(Reason.NO_STOP, frameLength - 1,
                    "the frame ends in " + Hex.byteHex(bytes[offset + frameLength - 1]) + "h, not the stop byte 16h");
        }
        // one copy of the data, owned by the new frame
        byte[] data = Arrays.copyOfRange(bytes, offset + DATA_OFFSET, offset + frameLength - 2);
        return new LongFrame(CField.ofByte(bytes[offset + 4]), bytes[offset + 5] & 0xFF, bytes[offset + 6] & 0xFF, data, true);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LongFrame f && f.c.equals(c) && f.address == address && f.ci == ci
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return ((c.hashCode() * 31 + address) * 31 + ci) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LongFrame[" + c + ", A=" + Hex.byteHex(address) + "h, CI=" + Hex.byteHex(ci) + "h, data="
                + Hex.of(data, 0, data.length) + "]";
    }
}
