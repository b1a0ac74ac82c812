package org.p2gate.mbus.frame;

import org.p2gate.mbus.wire.Hex;
import java.util.Arrays;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.transport.ShortId;

/**
 * A wireless M-Bus link-layer frame (EN 13757-4, P2 4.2.2 §3.2): L C M A, then the link data from the
 * CI-field on (which the transport layer reads).
 *
 * <p>P2 §3.2.3/§3.2.4: the address is MAN (2) ID (4) VER (1) DEV (1), the Short ID with MAN first. P2 §3.2.1:
 * L = the number of bytes after L, CRCs excluded (format A; format B counts them, see
 * {@link WirelessFrameFormat}).
 *
 * @param c        the C-field
 * @param address  the sender (meter) or, for an E-meter, possibly all-zero link address (P2 §3.2.4)
 * @param linkData CI and the bytes after it, 1..246 (at most 242 can be sent in format B)
 */
public record WirelessFrame(CField c, ShortId address, byte[] linkData) {

    /** The most link data bytes: L ≤ 255 counts C, M, A (9 bytes) too. */
    public static final int MAX_LINK_DATA = 255 - 9;
    /** Where the link data (CI) starts in the frame without CRCs: after L C M M A A A A A A. */
    public static final int LINK_DATA_OFFSET = WirelessFrameFormat.BLOCK1;

    public WirelessFrame {
        if (c == null || address == null || linkData == null) {
            throw new IllegalArgumentException("a wireless frame needs a C-field, an address and link data");
        }
        if (linkData.length < 1 || linkData.length > MAX_LINK_DATA) {
            throw new IllegalArgumentException("link data is CI plus up to 245 bytes, got " + linkData.length + " bytes");
        }
        linkData = linkData.clone();
    }

    /**
     * Decodes exactly one frame as received in {@code format}, verifying every block CRC.
     *
     * @throws DecodeException TRUNCATED, BAD_LENGTH, BAD_CRC; offsets relative to {@code offset}
     */
    public static WirelessFrame decode(byte[] bytes, int offset, int length, WirelessFrameFormat format)
            throws DecodeException {
        int n = format.checkedSize(bytes, offset, length);
        byte[] plain = new byte[n];
        format.removeCrcsInto(bytes, offset, n, plain);
        return fromPlain(plain, n);
    }

    /** {@link #decode(byte[], int, int, WirelessFrameFormat)} of the whole array. */
    public static WirelessFrame decode(byte[] bytes, WirelessFrameFormat format) throws DecodeException {
        return decode(bytes, 0, bytes.length, format);
    }

    /**
     * Decodes exactly one frame whose CRCs were already removed (L C M A CI…, L = bytes after L), as a
     * radio dongle may deliver it.
     *
     * @throws DecodeException TRUNCATED, BAD_LENGTH; offsets relative to {@code offset}
     */
    public static WirelessFrame decodeWithoutCrcs(byte[] bytes, int offset, int length) throws DecodeException {
        if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        if (length == 0) {
            throw new DecodeException(Reason.TRUNCATED, 0, "no bytes: a wireless frame starts with its L-field");
        }
        int l = bytes[offset] & 0xFF;
        if (l < WirelessFrameFormat.MIN_BYTES - 1) {
            throw new DecodeException(Reason.BAD_LENGTH, 0, "L = " + l + " leaves no CI-field (L ≥ 10)");
        }
        if (length < l + 1) {
            throw new DecodeException(Reason.TRUNCATED, length, "L = " + l + " announces " + (l + 1) + " bytes, only " + length + " present");
        }
        if (length > l + 1) {
            throw new DecodeException(Reason.BAD_LENGTH, l + 1, (length - l - 1) + " bytes after the " + (l + 1) + "-byte frame");
        }
        return fromPlain(Arrays.copyOfRange(bytes, offset, offset + length), length);
    }

    private static WirelessFrame fromPlain(byte[] plain, int n) throws DecodeException {
        ShortId address = ShortId.fromLinkAddress(plain, 2);
        return new WirelessFrame(CField.ofByte(plain[1]), address, Arrays.copyOfRange(plain, LINK_DATA_OFFSET, n));
    }

    /** The CI-field, the first byte of the link data. */
    public int ci() {
        return linkData[0] & 0xFF;
    }

    /** A copy of the link data (CI and after). */
    @Override
    public byte[] linkData() {
        return linkData.clone();
    }

    /** The number of link data bytes (CI included). */
    public int linkDataLength() {
        return linkData.length;
    }

    /** Link data byte {@code index} (0 = CI), unsigned. */
    public int linkDataByte(int index) {
        return linkData[index] & 0xFF;
    }

    /** Copies the link data into {@code target} at {@code offset}; returns the number of bytes copied. */
    public int copyLinkDataTo(byte[] target, int offset) {
        System.arraycopy(linkData, 0, target, offset, linkData.length);
        return linkData.length;
    }

    /** P2 §3.2.1: L = the bytes after L without CRCs (as sent in format A). */
    public int lField() {
        return 9 + linkData.length;
    }

    /** The frame without CRCs: L C M A CI…, L = bytes after L. */
    public byte[] encodeWithoutCrcs() {
        byte[] out = new byte[LINK_DATA_OFFSET + linkData.length];
        out[0] = (byte) lField();
        out[1] = (byte) c.value();
        System.arraycopy(address.toLinkAddress(), 0, out, 2, ShortId.LENGTH);
        System.arraycopy(linkData, 0, out, LINK_DATA_OFFSET, linkData.length);
        return out;
    }

    /**
     * The frame as sent in {@code format}, with block CRCs.
     *
     * @throws IllegalArgumentException in format B for more than 242 link data bytes (L would exceed 255)
     */
    public byte[] encode(WirelessFrameFormat format) {
        return format.insertCrcs(encodeWithoutCrcs());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WirelessFrame f && f.c.equals(c) && f.address.equals(address) && Arrays.equals(f.linkData, linkData);
    }

    @Override
    public int hashCode() {
        return (c.hashCode() * 31 + address.hashCode()) * 31 + Arrays.hashCode(linkData);
    }

    @Override
    public String toString() {
        return "WirelessFrame[" + c + ", " + address + ", CI=" + Hex.byteHex(ci()) + "h, " + linkData.length + " bytes]";
    }
}
