package org.p2gate.mbus.frame;

import org.p2gate.mbus.wire.Hex;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * A short frame {@code 10h C A CS 16h} (EN 13757-2 FT1.2, P2 §3.1; P2 4.2.2 §4.3.1/§4.3.2: SND_NKE, REQ_UD2).
 *
 * @param c       the C-field
 * @param address the primary address A, 0..255 (P2 §3.1.3 uses 1..250; 253 (FDh) is secondary addressing)
 */
public record ShortFrame(CField c, int address) implements WiredFrame {

    /** 10h C A CS 16h. */
    static final int LENGTH = 5;

    public ShortFrame {
        if (c == null) {
            throw new IllegalArgumentException("a short frame needs a C-field");
        }
        if (address < 0 || address > 0xFF) {
            throw new IllegalArgumentException("the address is one byte, got " + address);
        }
    }

    /** A short frame of a known function, FCB clear (e.g. SND_NKE to address 1: {@code 10 40 01 41 16}). */
    public static ShortFrame of(LinkFunction function, int address) {
        return new ShortFrame(function.cField(), address);
    }

    /** EN 13757-2 FT1.2, P2 §3.1: the checksum of a short frame is C + A mod 256. */
    public int checksum() {
        return (c.value() + address) & 0xFF;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encodeTo(byte[] target, int offset) {
        target[offset] = (byte) SHORT_START;
        target[offset + 1] = (byte) c.value();
        target[offset + 2] = (byte) address;
        target[offset + 3] = (byte) checksum();
        target[offset + 4] = (byte) STOP;
    }

    /** Decodes a short frame whose start byte has been seen; offsets relative to {@code offset}. */
    static ShortFrame decodeChecked(byte[] bytes, int offset, int length) throws DecodeException {
        if (length < LENGTH) {
            throw new DecodeException(Reason.TRUNCATED, length,
                    "a short frame has 5 bytes, only " + length + " present");
        }
        int c = bytes[offset + 1] & 0xFF;
        int a = bytes[offset + 2] & 0xFF;
        int cs = bytes[offset + 3] & 0xFF;
        int expected = (c + a) & 0xFF;
        if (cs != expected) {
            throw new DecodeException(Reason.BAD_CHECKSUM, 3,
                    "short frame checksum " + Hex.byteHex(cs) + "h, C + A gives " + Hex.byteHex(expected) + "h");
        }
        if ((bytes[offset + 4] & 0xFF) != STOP) {
            throw new DecodeException(Reason.NO_STOP, 4,
                    "short frame ends in " + Hex.byteHex(bytes[offset + 4]) + "h, not the stop byte 16h");
        }
        return new ShortFrame(CField.of(c), a);
    }

    @Override
    public String toString() {
        return "ShortFrame[" + c + ", A=" + Hex.byteHex(address) + "h]";
    }
}
