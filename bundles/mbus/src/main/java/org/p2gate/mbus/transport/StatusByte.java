package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.Hex;

/**
 * The status byte (STS) of a short or long header, EN 13757-3 §6.4 / EN 13757-7 §7.5.6. The raw
 * byte is kept. P2 4.2.2 §4.2.5: DSMR devices send 00h here and report status in a data record.
 *
 * <pre>bits 7..5 manufacturer specific | 4 temporary error | 3 permanent error | 2 power low
 * | 1..0 application: 00 no error, 01 busy, 10 any application error, 11 abnormal condition / alarm</pre>
 *
 * @param value the byte
 */
public record StatusByte(int value) {

    /** No error (the value DSMR devices send). */
    public static final StatusByte OK = new StatusByte(0);

    /** Bits 1..0 of the status byte. */
    public enum ApplicationStatus {
        NO_ERROR,
        APPLICATION_BUSY,
        ANY_APPLICATION_ERROR,
        ABNORMAL_CONDITION
    }

    private static final ApplicationStatus[] APPLICATION = ApplicationStatus.values();

    public StatusByte {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a status byte is one byte, got " + value);
        }
    }

    public static StatusByte of(int value) {
        return value == 0 ? OK : new StatusByte(value);
    }

    public ApplicationStatus applicationStatus() {
        return APPLICATION[value & 0x3];
    }

    public boolean applicationBusy() {
        return (value & 0x3) == 1;
    }

    public boolean anyApplicationError() {
        return (value & 0x3) == 2;
    }

    public boolean powerLow() {
        return (value & 0x04) != 0;
    }

    public boolean permanentError() {
        return (value & 0x08) != 0;
    }

    public boolean temporaryError() {
        return (value & 0x10) != 0;
    }

    /** Bits 7..5, manufacturer specific. */
    public int manufacturerBits() {
        return value >> 5;
    }

    @Override
    public String toString() {
        return "STS " + Hex.byteHex(value) + "h";
    }
}
