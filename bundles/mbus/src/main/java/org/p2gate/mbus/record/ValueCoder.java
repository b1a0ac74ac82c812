package org.p2gate.mbus.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.LittleEndian;

/** Turns a record's data bytes into a {@link RecordValue} and back, by data field and VIF (EN 13757-3 Annex A). */
final class ValueCoder {

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ValueCoder() {}

    /** Offsets in BAD_VALUE exceptions are into {@code data}; the caller keeps such values as Invalid. */
    static RecordValue decode(DataField field, ValueInformationBlock vib, byte[] data) throws DecodeException {
        return decode(field, vib, data, 0, data.length);
    }

    /** The value of the {@code length} data bytes at {@code offset} (the LVAR byte first for data field Dh). */
    static RecordValue decode(DataField field, ValueInformationBlock vib, byte[] data, int offset, int length)
            throws DecodeException {
        ValueKind kind = vib.kind();
        if (length == 0) {
            return new RecordValue.None();
        }
        if (kind == ValueKind.KEY || vib.isUnknown()) {
            // key material, or an unknown VIF's data: raw (an unknown VIF's type is not known either)
            return new RecordValue.Bytes(Arrays.copyOfRange(data, offset, offset + length));
        }
        if (field == DataField.VARIABLE_LENGTH) {
            return variable(vib, data, offset, length);
        }
        if (field == DataField.REAL32) {
            return RecordValue.Numeric.of(DataTypes.real32(data, offset).scaleByPowerOfTen(vib.exponent()));
        }
        if (field.isBcd()) {
            return RecordValue.Numeric.of(DataTypes.bcd(data, offset, length), vib.exponent());
        }
        // integer data fields
        if (kind == ValueKind.DATE || kind == ValueKind.DATE_TIME) {
            switch (length) {
                case 2:
                    return new RecordValue.Date(DataTypes.typeG(data, offset));
                case 3:
                    return new RecordValue.Time(DataTypes.typeJ(data, offset));
                case 4:
                    return DataTypes.typeF(data, offset);
                case 6:
                    return new RecordValue.DateTime(DataTypes.typeI(data, offset), false);
                default:
                    break;
            }
        }
        if (kind == ValueKind.BITS) {
            return new RecordValue.Bits(LittleEndian.read(data, offset, length), 8 * length);
        }
        boolean unsigned = kind == ValueKind.IDENTIFICATION
                || vib.table() == VifTable.EXTENSION_FD && vib.code() == 0x08; // P2 4.2.2 B1: frame counter
        if (unsigned && length == 8) {
            return new RecordValue.Numeric(DataTypes.unsigned(data, offset, 8), vib.exponent());
        }
        long number = unsigned ? LittleEndian.read(data, offset, length) : DataTypes.signed(data, offset, length);
        return RecordValue.Numeric.of(number, vib.exponent());
    }

    private static RecordValue variable(ValueInformationBlock vib, byte[] data, int offset, int length)
            throws DecodeException {
        int lvar = data[offset] & 0xFF;
        int n = length - 1;
        int last = offset + length - 1;
        if (lvar <= 0xBF) {
            // EN 13757-3 §6.3.1: 8-bit text, sent last character first
            byte[] text = new byte[n];
            for (int i = 0; i < n; i++) {
                text[i] = data[last - i];
            }
            return new RecordValue.Text(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (lvar <= 0xC9 || lvar >= 0xD0 && lvar <= 0xD9) {
            if (n == 0) {
                return RecordValue.Numeric.of(0, vib.exponent());
            }
            if (n > 9) {
                return new RecordValue.Numeric(bigBcd(data, offset + 1, n), vib.exponent()).negateIf(lvar >= 0xD0);
            }
            long v = DataTypes.bcd(data, offset + 1, n);
            return RecordValue.Numeric.of(lvar >= 0xD0 ? -v : v, vib.exponent());
        }
        if (lvar <= 0xEF) {
            return new RecordValue.Bytes(Arrays.copyOfRange(data, offset + 1, offset + length));
        }
        // F0h..F6h: binary number (two's complement, LSB first)
        return new RecordValue.Numeric(DataRecord.bigInteger(data, offset + 1, n), vib.exponent());
    }

    private static BigInteger bigBcd(byte[] data, int offset, int length) throws DecodeException {
        BigInteger v = BigInteger.ZERO;
        BigInteger hundred = BigInteger.valueOf(100);
        for (int i = offset + length - 1; i >= offset; i--) {
            int b = data[i] & 0xFF;
            if ((b & 0x0F) > 9 || (b >> 4) > 9) {
                throw new DecodeException(Reason.BAD_VALUE, i, "BCD digit above 9");
            }
            v = v.multiply(hundred).add(BigInteger.valueOf((b >> 4) * 10 + (b & 0x0F)));
        }
        return v;
    }

    static byte[] encode(DataField field, ValueInformationBlock vib, RecordValue value) {
        int length = field.length();
        if (value instanceof RecordValue.None) {
            if (length != 0) {
                throw new IllegalArgumentException("data field " + field + " needs a value");
            }
            return new byte[0];
        }
        if (value instanceof RecordValue.Invalid) {
            throw new IllegalArgumentException("an invalid value cannot be encoded; use DataRecord.ofData");
        }
        if (length == 0) {
            throw new IllegalArgumentException("data field " + field + " carries no value");
        }
        if (field == DataField.VARIABLE_LENGTH) {
            return variable(vib, value);
        }
        byte[] out = new byte[length];
        if (value instanceof RecordValue.Numeric n) {
            if (field == DataField.REAL32) {
                // EN 13757-3 Annex A type H: the float holds the value in VIF units; only exact values are coded
                BigDecimal inVifUnits = n.decimal().scaleByPowerOfTen(-vib.exponent());
                float f = inVifUnits.floatValue();
                if (Float.isInfinite(f) || new BigDecimal(f).compareTo(inVifUnits) != 0) {
                    throw new IllegalArgumentException(n.decimal() + " is not exactly a real32");
                }
                LittleEndian.write(Float.floatToIntBits(f), out, 0, 4);
                return out;
            }
            BigInteger mantissa = mantissaAt(n, vib.exponent(), field);
            if (field.isBcd()) {
                DataTypes.encodeBcd(longValue(mantissa), out, 0, length);
            } else {
                writeInteger(mantissa, out, length);
            }
            return out;
        }
        if (value instanceof RecordValue.Bits b) {
            if (!field.isInteger() || length < 8 && b.bits() >>> (8 * length) != 0) {
                throw new IllegalArgumentException("bits " + Long.toHexString(b.bits()) + " do not fit " + field);
            }
            LittleEndian.write(b.bits(), out, 0, length);
            return out;
        }
        if (value instanceof RecordValue.Date d && field == DataField.INT16) {
            DataTypes.encodeTypeG(d.date(), out, 0);
            return out;
        }
        if (value instanceof RecordValue.Time t && field == DataField.INT24) {
            DataTypes.encodeTypeJ(t.time(), out, 0);
            return out;
        }
        if (value instanceof RecordValue.DateTime dt && field == DataField.INT32) {
            DataTypes.encodeTypeF(dt.dateTime(), dt.summerTime(), out, 0);
            return out;
        }
        if (value instanceof RecordValue.DateTime dt && field == DataField.INT48) {
            if (dt.summerTime()) {
                throw new IllegalArgumentException("type I as DSMR uses it carries no summer time (P2 4.2.2 §6.2.1)");
            }
            DataTypes.encodeTypeI(dt.dateTime(), out, 0);
            return out;
        }
        if (value instanceof RecordValue.Bytes b && b.bytes().length == length) {
            return b.bytes();
        }
        throw new IllegalArgumentException(value.getClass().getSimpleName() + " cannot be coded as " + field);
    }

    private static byte[] variable(ValueInformationBlock vib, RecordValue value) {
        if (value instanceof RecordValue.Text t) {
            String text = t.text();
            if (text.length() > 0xBF) {
                throw new IllegalArgumentException("LVAR text holds at most 191 characters");
            }
            byte[] out = new byte[1 + text.length()];
            out[0] = (byte) text.length();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(text.length() - 1 - i);
                if (c > 0xFF) {
                    throw new IllegalArgumentException("LVAR text is 8-bit");
                }
                out[1 + i] = (byte) c;
            }
            return out;
        }
        if (value instanceof RecordValue.Bytes b) {
            byte[] bytes = b.bytes();
            if (bytes.length > 15) {
                throw new IllegalArgumentException("LVAR binary holds at most 15 bytes");
            }
            byte[] out = new byte[1 + bytes.length];
            out[0] = (byte) (0xE0 + bytes.length);
            System.arraycopy(bytes, 0, out, 1, bytes.length);
            return out;
        }
        if (value instanceof RecordValue.Numeric n) {
            // EN 13757-3 Table 5: C0h..C9h positive BCD, D0h..D9h negative BCD
            long v = longValue(mantissaAt(n, vib.exponent(), DataField.VARIABLE_LENGTH));
            long magnitude = Math.abs(v);
            if (magnitude > 999_999_999_999_999_999L) {
                throw new IllegalArgumentException(v + " has more than 18 digits");
            }
            int bytes = 0;
            for (long m = magnitude; m != 0; m /= 100) {
                bytes++;
            }
            byte[] out = new byte[1 + bytes];
            out[0] = (byte) ((v < 0 ? 0xD0 : 0xC0) + bytes);
            if (bytes > 0) {
                org.p2gate.mbus.wire.Bcd.encode(magnitude, out, 1, bytes);
            }
            return out;
        }
        throw new IllegalArgumentException(value.getClass().getSimpleName() + " cannot be coded as LVAR data");
    }

    private static BigInteger mantissaAt(RecordValue.Numeric n, int exponent, DataField field) {
        try {
            return n.decimal().scaleByPowerOfTen(-exponent).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(n.decimal() + " is not a whole multiple of 10^" + exponent, e);
        }
    }

    private static long longValue(BigInteger v) {
        if (v.compareTo(INT64_MIN) < 0 || v.compareTo(INT64_MAX) > 0) {
            throw new IllegalArgumentException(v + " does not fit 64 bits");
        }
        return v.longValue();
    }

    private static void writeInteger(BigInteger v, byte[] out, int length) {
        // type B (signed) or C (unsigned): accept -2^(8n-1) .. 2^(8n)-1
        BigInteger min = BigInteger.ONE.shiftLeft(8 * length - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(v + " does not fit " + (8 * length) + " bits");
        }
        LittleEndian.write(v.longValue(), out, 0, length);
    }

}
