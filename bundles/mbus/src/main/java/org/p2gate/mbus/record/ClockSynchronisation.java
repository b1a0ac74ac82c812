package org.p2gate.mbus.record;

import java.time.LocalDateTime;
import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * The application data of a CI 6Ch clock synchronisation message (P2 4.2.2 §6.2.1): 2F 2F, TC
 * 00h ("set time"), the new UTC time as type I, 00 00 00 (reserved), 2F 2F 2F 2F — 16 bytes, one
 * AES block.
 */
public record ClockSynchronisation(LocalDateTime utc) {

    public static final int LENGTH = 16;
    /** P2 4.2.2 §6.2.1: TC 00h = set time. */
    public static final int SET_TIME = 0x00;

    public ClockSynchronisation {
        Objects.requireNonNull(utc, "utc");
        if (utc.getNano() != 0) {
            throw new IllegalArgumentException("type I holds whole seconds: " + utc);
        }
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        out[0] = 0x2F;
        out[1] = 0x2F;
        out[2] = SET_TIME;
        DataTypes.encodeTypeI(utc, out, 3);
        for (int i = 12; i < 16; i++) {
            out[i] = 0x2F;
        }
        return out;
    }

    /** Decodes the 16 bytes at {@code offset}; offsets in exceptions are relative to {@code offset}. */
    public static ClockSynchronisation decode(byte[] data, int offset, int length) throws DecodeException {
        if (offset < 0 || length < 0 || offset > data.length || length > data.length - offset) {
            throw new DecodeException(Reason.TRUNCATED, 0, "the range does not lie in the input");
        }
        if (length < LENGTH) {
            throw new DecodeException(Reason.TRUNCATED, length, "clock synchronisation needs 16 bytes, got " + length);
        }
        if (data[offset] != 0x2F || data[offset + 1] != 0x2F) {
            throw new DecodeException(Reason.BAD_FILLER, 0, "clock synchronisation starts with 2F 2F");
        }
        if (data[offset + 2] != SET_TIME) {
            throw new DecodeException(Reason.UNSUPPORTED, 2,
                    "TC " + Integer.toHexString(data[offset + 2] & 0xFF) + "h is not 00h (set time)");
        }
        try {
            return new ClockSynchronisation(DataTypes.typeI(data, offset + 3));
        } catch (DecodeException e) {
            throw e.shifted(-offset);
        }
    }
}
