package org.p2gate.mbus.wireless.amber;

import java.util.Arrays;

/**
 * One command-mode frame of the AMB8465-M's serial interface (manual §2.2): start byte FFh, command, length of the
 * payload, payload, checksum = XOR of every preceding byte including the start byte. A confirmation carries the
 * request's command with bit 80h set (§2.2.1).
 *
 * @param command the command byte (e.g. {@link #DATA_PRELOAD_REQ}, {@link #DATA_IND})
 * @param payload at most 255 bytes
 */
public record AmberFrame(int command, byte[] payload) {

    public static final int START = 0xFF;
    /** §7: transmission of wM-Bus data (C-field on; the module adds L and the CRCs). */
    public static final int DATA_REQ = 0x00;
    /** §7: received data, from the C-field on (CRCs checked and removed), RSSI appended when enabled. */
    public static final int DATA_IND = 0x03;
    /** §7.2: temporary (volatile) change of the wM-Bus mode. */
    public static final int SET_MODE_REQ = 0x04;
    /** §7.12.1: pre-load a telegram, sent by the module when a telegram with a matching address is received. */
    public static final int DATA_PRELOAD_REQ = 0x30;
    /** §7.12.2: reject the pre-loaded telegram. */
    public static final int DATA_CLR_PRELOAD_REQ = 0x31;
    /** §2.2.1: a confirmation is the request's command with this bit. */
    public static final int CONFIRM = 0x80;
    /** Mode T2, the "other device" (the E-meter's side, P2 4.2.2 §2.2). */
    public static final int MODE_T2_OTHER = 0x08;

    public AmberFrame {
        if (command < 0 || command > 0xFF || payload == null || payload.length > 0xFF) {
            throw new IllegalArgumentException("a command byte and at most 255 payload bytes, got command " + command
                    + " and " + (payload == null ? "no" : payload.length) + " bytes");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The frame on the wire. */
    public byte[] encode() {
        byte[] out = new byte[payload.length + 4];
        out[0] = (byte) START;
        out[1] = (byte) command;
        out[2] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 3, payload.length);
        out[out.length - 1] = (byte) checksum(out, out.length - 1);
        return out;
    }

    /** XOR of {@code bytes[0 .. length-1]}. */
    public static int checksum(byte[] bytes, int length) {
        int cs = 0;
        for (int i = 0; i < length; i++) {
            cs ^= bytes[i] & 0xFF;
        }
        return cs;
    }

    /** The status byte of a confirmation (its first payload byte), or -1 without one. */
    public int status() {
        return payload.length == 0 ? -1 : payload[0] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmberFrame f && f.command == command && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return command * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("AmberFrame[%02Xh, %d bytes]", command, payload.length);
    }
}
