package org.p2gate.mbus.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departures;
import org.p2gate.mbus.Reason;

/**
 * One data record of a variable data block (EN 13757-3 §6): DIB, VIB and data, with its value,
 * unit, quantity and COSEM equivalent. Immutable; two records are equal when their bytes are.
 *
 * <p>A view: the record keeps where its data lies in one array holding the block (never written
 * after decoding, never handed out), and makes its value on first access.
 */
public final class DataRecord {

    private final DataInformationBlock dib;
    private final ValueInformationBlock vib;
    /** The block the record lies in (read only); its data starts after DIB and VIB. */
    private final byte[] block;
    /** Where the DIB starts in {@code block} (bits 31..8) and the data's length, LVAR byte included (bits 7..0). */
    private final int span;
    /** Made on first access; a benign race (an immutable value, made the same by any thread). */
    private RecordValue value;

    private DataRecord(DataInformationBlock dib, ValueInformationBlock vib, byte[] block, int at, int dataLength) {
        this.dib = dib;
        this.vib = vib;
        this.block = block;
        this.span = at << 8 | dataLength;
    }

    /**
     * Decodes the record at {@code offset}; {@code end} is one past the last byte that belongs to
     * the block. Offsets in exceptions are indexes into {@code bytes}. The record keeps a copy of its bytes.
     */
    public static DataRecord decode(byte[] bytes, int offset, int end) throws DecodeException {
        return decode(bytes, offset, end, Departures.strict());
    }

    /** As {@link #decode(byte[], int, int)}, tolerating what a lenient {@code departures} tolerates in a VIB. */
    public static DataRecord decode(byte[] bytes, int offset, int end, Departures departures) throws DecodeException {
        DataRecord view = view(bytes, offset, end, departures);
        int dataLength = view.span & 0xFF;
        return new DataRecord(view.dib, view.vib, Arrays.copyOfRange(bytes, offset, offset + view.length()), 0, dataLength);
    }

    /** The record at {@code offset} as a view into {@code block}, which nobody writes any more. */
    static DataRecord view(byte[] block, int offset, int end, Departures departures) throws DecodeException {
        if (offset < 0 || end > block.length || offset > end) {
            throw new DecodeException(Reason.TRUNCATED, Math.max(0, Math.min(offset, block.length)),
                    "offset " + offset + " and end " + end + " do not lie in " + block.length + " bytes");
        }
        DataInformationBlock dib = DataInformationBlock.decode(block, offset, end);
        int pos = offset + dib.length();
        ValueInformationBlock vib = ValueInformationBlock.decode(block, pos, end, departures);
        pos += vib.length();
        int length = DATA_LENGTHS[block[offset] & 0x0F];
        if (length < 0) {
            if (pos >= end) {
                throw new DecodeException(Reason.TRUNCATED, pos, "the LVAR byte is missing");
            }
            length = 1 + lvarLength(block[pos] & 0xFF, pos);
        }
        if (length > end - pos) {
            throw new DecodeException(Reason.TRUNCATED, pos,
                    "the record needs " + length + " data bytes, " + (end - pos) + " are left");
        }
        return new DataRecord(dib, vib, block, offset, length);
    }

    /** Data bytes after an LVAR byte (EN 13757-3 §6.3.1 Table 5). */
    static int lvarLength(int lvar, int offset) throws DecodeException {
        if (lvar <= 0xBF) {
            return lvar; // text, 8-bit characters
        }
        if (lvar <= 0xC9) {
            return lvar - 0xC0; // positive BCD
        }
        if (lvar >= 0xD0 && lvar <= 0xD9) {
            return lvar - 0xD0; // negative BCD
        }
        if (lvar >= 0xE0 && lvar <= 0xEF) {
            return lvar - 0xE0; // binary
        }
        if (lvar >= 0xF0 && lvar <= 0xF4) {
            return 4 * (lvar - 0xEC); // binary number, 16..32 bytes
        }
        if (lvar == 0xF5) {
            return 48;
        }
        if (lvar == 0xF6) {
            return 64;
        }
        throw new DecodeException(Reason.BAD_RECORD, offset, "reserved LVAR " + Integer.toHexString(lvar) + "h");
    }

    /** A record of these blocks whose data are the given bytes (the LVAR byte first for data field Dh). */
    public static DataRecord ofData(DataInformationBlock dib, ValueInformationBlock vib, byte[] data) {
        Objects.requireNonNull(dib, "dib");
        Objects.requireNonNull(vib, "vib");
        int length = dib.dataField().length();
        try {
            if (length < 0) {
                if (data.length == 0) {
                    throw new IllegalArgumentException("variable length data needs its LVAR byte");
                }
                length = 1 + lvarLength(data[0] & 0xFF, 0);
            }
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (data.length != length) {
            throw new IllegalArgumentException("data field " + dib.dataField() + " takes " + length
                    + " bytes, " + data.length + " given");
        }
        byte[] bytes = new byte[dib.length() + vib.length() + length];
        int pos = vib.encode(bytes, dib.encode(bytes, 0));
        System.arraycopy(data, 0, bytes, pos, length);
        return new DataRecord(dib, vib, bytes, 0, length);
    }

    /** A record holding {@code value}, coded as the DIB's data field says (encode direction). */
    public static DataRecord of(DataInformationBlock dib, ValueInformationBlock vib, RecordValue value) {
        return ofData(dib, vib, ValueCoder.encode(dib.dataField(), vib, value));
    }

    /** EN 13757-3 Table 4: data bytes by the DIF's data field (low nibble); -1 variable (Dh). */
    private static final int[] DATA_LENGTHS = new int[16];

    static {
        for (int code = 0; code < DATA_LENGTHS.length; code++) {
            DATA_LENGTHS[code] = DataField.ofCode(code).length();
        }
    }

    /** Where the data starts in {@code block}. */
    private int dataAt() {
        return (span >>> 8) + dib.length() + vib.length();
    }

    private int dataLength() {
        return span & 0xFF;
    }

    public DataInformationBlock dataInformation() {
        return dib;
    }

    public ValueInformationBlock valueInformation() {
        return vib;
    }

    public RecordValue value() {
        RecordValue v = value;
        if (v == null) {
            try {
                v = ValueCoder.decode(dib.dataField(), vib, block, dataAt(), dataLength());
            } catch (DecodeException e) {
                v = new RecordValue.Invalid(e.getMessage()); // ValueCoder reports BAD_VALUE only
            }
            value = v;
        }
        return v;
    }

    /** The value as an exact number, when it is one. */
    public Optional<BigDecimal> number() {
        return value() instanceof RecordValue.Numeric n ? Optional.of(n.decimal()) : Optional.empty();
    }

    /** SI unit text, e.g. {@code m^3}; empty for dates, texts and dimensionless values. */
    public String unit() {
        return vib.unit();
    }

    public String quantity() {
        return vib.quantity();
    }

    /** The COSEM unit of this record; empty when its unit has no DLMS/COSEM equivalent. */
    public Optional<CosemUnit> cosemUnit() {
        return vib.cosemUnit();
    }

    /** The value as COSEM mantissa and scaler in {@link #cosemUnit()}'s unit; empty when not numeric or no unit. */
    public Optional<ScaledValue> scaledValue() {
        if (!(value() instanceof RecordValue.Numeric n) || vib.cosemUnit().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScaledValue(n.mantissa(), n.exponent() + vib.cosemShift()));
    }

    /** Whether this is DSMR key material (VIF FD 19 or FD 16), whose bytes are never printed. */
    public boolean isKeyMaterial() {
        return vib.kind() == ValueKind.KEY;
    }

    /** The data bytes as sent (LVAR byte included). */
    public byte[] data() {
        int at = dataAt();
        return Arrays.copyOfRange(block, at, at + dataLength());
    }

    public int length() {
        return dib.length() + vib.length() + dataLength();
    }

    /** Writes the record at {@code offset}; returns the next offset. */
    public int encode(byte[] out, int offset) {
        int pos = dib.encode(out, offset);
        pos = vib.encode(out, pos);
        System.arraycopy(block, dataAt(), out, pos, dataLength());
        return pos + dataLength();
    }

    /** The record's bytes (a copy). */
    public byte[] toBytes() {
        byte[] out = new byte[length()];
        encode(out, 0);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataRecord r && dib.equals(r.dib) && vib.equals(r.vib)
                && Arrays.equals(block, dataAt(), dataAt() + dataLength(), r.block, r.dataAt(), r.dataAt() + r.dataLength());
    }

    @Override
    public int hashCode() {
        int h = dib.hashCode() * 31 + vib.hashCode();
        for (int i = dataAt(), end = i + dataLength(); i < end; i++) {
            h = 31 * h + block[i];
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DataRecord[");
        s.append(dib.function().description()).append(", storage ").append(dib.storageNumber());
        if (dib.tariff() != 0) {
            s.append(", tariff ").append(dib.tariff());
        }
        if (dib.subunit() != 0) {
            s.append(", subunit ").append(dib.subunit());
        }
        s.append(", ").append(vib.describe()).append(": ");
        if (isKeyMaterial()) {
            s.append("(key material, ").append(dataLength()).append(" bytes)");
        } else if (value() instanceof RecordValue.Bytes) {
            s.append(HexFormat.of().withUpperCase().formatHex(block, dataAt(), dataAt() + dataLength()));
        } else {
            s.append(value());
        }
        return s.append(']').toString();
    }

    static BigInteger bigInteger(byte[] data, int offset, int length) {
        byte[] be = new byte[length];
        for (int i = 0; i < length; i++) {
            be[i] = data[offset + length - 1 - i];
        }
        return new BigInteger(be);
    }
}
