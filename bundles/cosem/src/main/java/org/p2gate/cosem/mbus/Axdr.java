package org.p2gate.cosem.mbus;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The A-XDR encoding of the few COSEM data types these objects answer with themselves (IEC 62056-6-2
 * §4.1.5 / DLMS Green Book 9.5: tag, then the value big-endian; arrays and structures count their
 * elements). Used where Gurux's own encoding is wrong or lossy: capture_definition, scaler_unit (Gurux
 * keeps the scaler as a double), and profile buffers with a correct selection.
 */
final class Axdr {

    static final int ARRAY = 0x01;
    static final int STRUCTURE = 0x02;
    static final int DOUBLE_LONG = 0x05;
    static final int DOUBLE_LONG_UNSIGNED = 0x06;
    static final int OCTET_STRING = 0x09;
    static final int INTEGER = 0x0F;
    static final int UNSIGNED = 0x11;
    static final int LONG_UNSIGNED = 0x12;
    static final int LONG64 = 0x14;
    static final int LONG64_UNSIGNED = 0x15;
    static final int ENUM = 0x16;

    private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    Axdr array(int count) {
        out.write(ARRAY);
        return length(count);
    }

    Axdr structure(int count) {
        out.write(STRUCTURE);
        return length(count);
    }

    Axdr octetString(byte[] value) {
        out.write(OCTET_STRING);
        length(value.length);
        out.writeBytes(value);
        return this;
    }

    Axdr unsigned(int value) {
        out.write(UNSIGNED);
        out.write(value & 0xFF);
        return this;
    }

    Axdr integer(int value) {
        out.write(INTEGER);
        out.write(value & 0xFF);
        return this;
    }

    Axdr enumeration(int value) {
        out.write(ENUM);
        out.write(value & 0xFF);
        return this;
    }

    Axdr longUnsigned(int value) {
        out.write(LONG_UNSIGNED);
        return big(value, 2);
    }

    Axdr doubleLongUnsigned(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a double-long-unsigned is 0..4294967295, got " + value);
        }
        out.write(DOUBLE_LONG_UNSIGNED);
        return big(value, 4);
    }

    /** An integer as double-long(-unsigned) if it fits in 32 bits, else long64(-unsigned). */
    Axdr integral(BigInteger value) {
        if (value.signum() >= 0 && value.compareTo(UINT32_MAX) <= 0) {
            out.write(DOUBLE_LONG_UNSIGNED);
            return big(value.longValue(), 4);
        }
        if (value.bitLength() < 32) {
            out.write(DOUBLE_LONG);
            return big(value.longValue(), 4);
        }
        if (value.signum() >= 0 && value.bitLength() <= 64) {
            out.write(LONG64_UNSIGNED);
            return big(value.longValue(), 8);
        }
        if (value.bitLength() < 64) {
            out.write(LONG64);
            return big(value.longValue(), 8);
        }
        throw new IllegalArgumentException("a COSEM integer has at most 64 bits, got " + value.bitLength());
    }

    /** Appends bytes that are already A-XDR encoded (a cell of a row). */
    Axdr raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    private Axdr big(long value, int size) {
        for (int shift = 8 * (size - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
        return this;
    }

    // A-XDR length: one byte below 128, else 80h + the number of length bytes
    private Axdr length(int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            big(length, 2);
        }
        return this;
    }
}
