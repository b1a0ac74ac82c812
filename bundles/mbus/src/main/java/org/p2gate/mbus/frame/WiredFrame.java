package org.p2gate.mbus.frame;

import org.p2gate.mbus.wire.Hex;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * A wired M-Bus frame, FT1.2 of EN 60870-5-1 as used by EN 13757-2 and P2 4.2.2 §3.1: the single
 * character E5h, the short frame {@code 10h C A CS 16h}, and the long frame
 * {@code 68h L L 68h C A CI data… CS 16h} (a control frame is a long frame with L = 3 and no data).
 *
 * <p>Offsets in a {@link DecodeException} are relative to the first byte of the frame (the
 * {@code offset} the caller passed).
 */
public sealed interface WiredFrame permits SingleCharacter, ShortFrame, LongFrame {

    /** EN 13757-2 FT1.2, P2 §3.1: the start byte of a short frame. */
    int SHORT_START = 0x10;
    /** EN 13757-2 FT1.2, P2 §3.1: the start byte (sent twice) of a long or control frame. */
    int LONG_START = 0x68;
    /** EN 13757-2 FT1.2, P2 §3.1: the stop byte of short and long frames. */
    int STOP = 0x16;
    /** EN 13757-2 FT1.2, P2 §3.1: the single character acknowledgement. */
    int SINGLE_CHARACTER = 0xE5;
    /** The longest frame: 68 L L 68, L = 255 bytes C..data, CS, 16. */
    int MAX_LENGTH = 255 + 6;

    /** The frame as sent on the wire. */
    default byte[] encode() {
        byte[] out = new byte[encodedLength()];
        encodeTo(out, 0);
        return out;
    }

    /** How many bytes {@link #encode()} produces. */
    int encodedLength();

    /** Writes the frame into {@code target} at {@code offset} (which must have {@link #encodedLength()} bytes free). */
    void encodeTo(byte[] target, int offset);

    /**
     * Decodes exactly one frame from {@code length} bytes at {@code offset}.
     *
     * @throws DecodeException NO_START, BAD_LENGTH (L &lt; 3, L1 ≠ L2, bytes after the frame), TRUNCATED,
     *                         BAD_CHECKSUM, NO_STOP; the offset is relative to {@code offset}
     */
    static WiredFrame decode(byte[] bytes, int offset, int length) throws DecodeException {
        if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        if (length == 0) {
            throw new DecodeException(Reason.TRUNCATED, 0, "no bytes: a frame needs at least its start byte");
        }
        int start = bytes[offset] & 0xFF;
        int frameLength;
        WiredFrame frame;
        switch (start) {
            case SINGLE_CHARACTER -> {
                frameLength = 1;
                frame = SingleCharacter.ACK;
            }
            case SHORT_START -> {
                frameLength = ShortFrame.LENGTH;
                frame = ShortFrame.decodeChecked(bytes, offset, length);
            }
            case LONG_START -> {
                frameLength = LongFrame.lengthFromHeader(bytes, offset, length);
                frame = LongFrame.decodeChecked(bytes, offset, frameLength, length);
            }
            default -> throw new DecodeException(Reason.NO_START, 0,
                    "no start byte: " + Hex.byteHex(start) + "h is none of E5h, 10h, 68h");
        }
        if (length > frameLength) {
            // exactly one frame was asked for
            throw new DecodeException(Reason.BAD_LENGTH, frameLength,
                    (length - frameLength) + " bytes after the end of a " + frameLength + "-byte frame");
        }
        return frame;
    }

    /** {@link #decode(byte[], int, int)} of the whole array. */
    static WiredFrame decode(byte[] bytes) throws DecodeException {
        return decode(bytes, 0, bytes.length);
    }
}
