package org.p2gate.mbus.frame;

import org.p2gate.mbus.wire.Hex;
import java.util.Optional;

/**
 * The control field (C-field) of a link-layer frame: any byte value, with the function it names
 * looked up per medium. Unknown values keep their value ({@link #wiredFunction()} is then empty).
 *
 * <p>EN 13757-2 C-field / EN 60870-5-2: bit 6 PRM = 1 for messages from the primary station (master, or
 * the initiating wireless station); bit 5 FCB (primary) / ACD (secondary); bit 4 FCV (primary) / DFC
 * (secondary); bits 3..0 the function code. P2 §3.1.2 and §3.2.2: DSMR ignores the FCB and uses the access
 * number instead.
 *
 * @param value the C-field byte, 0..255
 */
public record CField(int value) {

    /** Bit 6: primary message (from the master / initiating station). */
    static final int PRM = 0x40;
    /** Bit 5 of a primary message: frame count bit. */
    static final int FCB = 0x20;
    /** Bit 4 of a primary message: frame count bit valid. */
    static final int FCV = 0x10;
    /** Bit 5 of a secondary message: access demand (class 1 data waiting). */
    static final int ACD = 0x20;
    /** Bit 4 of a secondary message: data flow control (slave cannot accept more). */
    static final int DFC = 0x10;

    private static final CField[] ALL = new CField[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new CField(i);
        }
    }

    public CField {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a C-field is one byte, got " + value);
        }
    }

    /** The C-field of a byte value 0..255 (shared instances, no allocation). */
    public static CField of(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a C-field is one byte, got " + value);
        }
        return ALL[value];
    }

    /** The C-field of a raw frame byte. */
    static CField ofByte(byte value) {
        return ALL[value & 0xFF];
    }

    /** The function on a wired link (EN 13757-2), if known. */
    public Optional<LinkFunction> wiredFunction() {
        for (LinkFunction f : LinkFunction.VALUES) {
            if (f.isWired() && f.matches(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The function on a wireless link (EN 13757-4), if known. */
    public Optional<LinkFunction> wirelessFunction() {
        for (LinkFunction f : LinkFunction.VALUES) {
            if (f.isWireless() && f.matches(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether this is a message of the given function (either medium). */
    public boolean is(LinkFunction function) {
        return function.matches(value);
    }

    /** PRM, bit 6: sent by the primary (initiating) station. */
    public boolean isPrimary() {
        return (value & PRM) != 0;
    }

    /** The function code, bits 3..0. */
    public int functionCode() {
        return value & 0x0F;
    }

    /** FCB, bit 5 of a primary message (meaningful when {@link #fcv()} is set). */
    public boolean fcb() {
        return isPrimary() && (value & FCB) != 0;
    }

    /** FCV, bit 4 of a primary message: the FCB is valid. */
    public boolean fcv() {
        return isPrimary() && (value & FCV) != 0;
    }

    /** ACD, bit 5 of a secondary message: the slave has class 1 (alarm) data waiting. */
    public boolean acd() {
        return !isPrimary() && (value & ACD) != 0;
    }

    /** DFC, bit 4 of a secondary message: the slave cannot accept further data. */
    public boolean dfc() {
        return !isPrimary() && (value & DFC) != 0;
    }

    /** This C-field with the frame count bit (bit 5) set or cleared; only for primary messages. */
    public CField withFcb(boolean fcb) {
        if (!isPrimary()) {
            throw new IllegalArgumentException("only a primary message has an FCB, C = " + Hex.byteHex(value));
        }
        return of(fcb ? value | FCB : value & ~FCB);
    }

    /** E.g. {@code 7Bh REQ_UD2 FCB} or {@code 18h RSP_UD DFC} or {@code 99h (unknown)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(24).append(Hex.byteHex(value)).append('h');
        Optional<LinkFunction> f = wiredFunction().or(this::wirelessFunction);
        if (f.isEmpty()) {
            return s.append(" (unknown)").toString();
        }
        s.append(' ').append(f.get().name());
        if (isPrimary()) {
            if (f.get().hasFrameCountBit() && fcb()) {
                s.append(" FCB");
            }
        } else {
            if (acd()) {
                s.append(" ACD");
            }
            if (dfc()) {
                s.append(" DFC");
            }
        }
        return s.toString();
    }
}
