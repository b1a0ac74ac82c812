package org.p2gate.mbus.record;

import java.util.Arrays;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.Departures;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.Hex;

/**
 * VIF and VIFEs of a data record (EN 13757-3 §6.4): the table and code of the quantity, the
 * plain-text unit if any, and the combinable (orthogonal) VIFEs that modify it. Defined by its
 * bytes as sent; what they mean is derived.
 */
public final class ValueInformationBlock {

    /** EN 13757-3 §6.4: at most 10 VIFEs. */
    public static final int MAX_VIFES = 10;

    private final byte[] bytes;
    /** {@code bytes.length}, kept apart: read for every record decoded. */
    private final int length;
    private final VifTable table;
    private final int code;
    private final int textStart;
    private final int textLength;
    private final int combinableStart;
    private final VifMeaning meaning;
    private final int exponent;
    private final boolean unitModified;
    private final ValueKind kind;
    /** VIF 7Bh/7Dh without the extension bit, read leniently as an unknown VIF with raw data. */
    private final boolean unknown;

    private ValueInformationBlock(byte[] bytes, VifTable table, int code, int textStart, int textLength,
            int combinableStart) {
        this(bytes, table, code, textStart, textLength, combinableStart, false);
    }

    private ValueInformationBlock(byte[] bytes, VifTable table, int code, int textStart, int textLength,
            int combinableStart, boolean unknown) {
        this.unknown = unknown;
        this.bytes = bytes;
        this.length = bytes.length;
        this.table = table;
        this.code = code;
        this.textStart = textStart;
        this.textLength = textLength;
        this.combinableStart = combinableStart;
        VifMeaning base = switch (table) {
            case PRIMARY, PLAIN_TEXT, ANY, MANUFACTURER -> VifTables.primary(code);
            case EXTENSION_FD -> VifTables.fd(code);
            case EXTENSION_FB -> VifTables.fb(code);
        };
        this.meaning = base;
        int exp = base.exponent();
        boolean modified = false;
        ValueKind k = base.kind();
        for (int i = combinableStart; i < bytes.length; i++) {
            int e = bytes[i] & 0x7F;
            if (e == 0x7F) {
                break; // EN 13757-3 Table 15: the following VIFEs are manufacturer specific
            }
            if (e == 0x7C) {
                i++; // EN 13757-3 Table 15: next VIFE from the second combinable table, not interpreted here
                continue;
            }
            if (e >= 0x70 && e <= 0x77) {
                exp += e - 0x70 - 6; // EN 13757-3 Table 15: multiplicative correction factor 10^(nnn-6)
            } else if (e == 0x7D) {
                exp += 3; // EN 13757-3 Table 15: multiplicative correction factor 10^3
            } else if (e >= 0x20 && e <= 0x38) {
                modified = true; // per time / per unit / multiplied by: the unit changes
            } else if (isDateTimeOf(e)) {
                k = ValueKind.DATE_TIME;
                modified = true;
            }
        }
        this.exponent = exp;
        this.unitModified = modified;
        this.kind = k;
    }

    private static boolean isDateTimeOf(int e) {
        // EN 13757-3 Table 15: "start date(/time) of", "date (/time) of" begin/end of a limit exceed
        return e == 0x39 || (e & 0x72) == 0x42 || (e & 0x7A) == 0x6A;
    }

    /**
     * Decodes the VIB at {@code offset}; {@code end} is one past the last byte that may be read.
     */
    public static ValueInformationBlock decode(byte[] data, int offset, int end) throws DecodeException {
        return decode(data, offset, end, Departures.strict());
    }

    /**
     * As {@link #decode(byte[], int, int)}; a lenient {@code departures} reads VIF 7Bh/7Dh without the
     * extension bit as an unknown VIF whose record keeps its raw data, and records that.
     */
    public static ValueInformationBlock decode(byte[] data, int offset, int end, Departures departures)
            throws DecodeException {
        if (offset >= end) {
            throw new DecodeException(Reason.TRUNCATED, offset, "the VIF is missing");
        }
        // the common VIBs (a VIF alone, or FDh/FBh and one VIFE) are immutable: shared, not built per record
        int first = data[offset] & 0xFF;
        if (first < 0x80 && ALONE[first] != null) {
            return ALONE[first];
        }
        if ((first == 0xFD || first == 0xFB) && offset + 1 < end && (data[offset + 1] & 0x80) == 0) {
            return (first == 0xFD ? FD_ONE : FB_ONE)[data[offset + 1]];
        }
        if ((first == 0x7B || first == 0x7D) && departures.isLenient()) {
            // EN 13757-3 Table 10: 7Bh/7Dh announce the tables FBh/FDh and so need the extension bit
            departures.add(new Departure(Departure.Kind.VIF_WITHOUT_EXTENSION, offset, "VIF " + Hex.byteHex(first)
                    + "h without the extension bit: an unknown VIF, its data kept raw"));
            return first == 0x7B ? UNKNOWN_7B : UNKNOWN_7D;
        }
        return decodeBytes(data, offset, end);
    }

    /** The VIBs of one byte (VIF without extension bit; not 7Ch plain text, not the invalid 7Bh/7Dh). */
    private static final ValueInformationBlock[] ALONE = new ValueInformationBlock[0x80];
    /** The VIBs FDh xx and FBh xx with no further VIFE. */
    private static final ValueInformationBlock[] FD_ONE = new ValueInformationBlock[0x80];
    private static final ValueInformationBlock[] FB_ONE = new ValueInformationBlock[0x80];

    /** VIF 7Bh and 7Dh alone, read leniently (see {@link #decode(byte[], int, int, Departures)}). */
    private static final ValueInformationBlock UNKNOWN_7B =
            new ValueInformationBlock(new byte[] {0x7B}, VifTable.PRIMARY, 0x7B, -1, 0, 1, true);
    private static final ValueInformationBlock UNKNOWN_7D =
            new ValueInformationBlock(new byte[] {0x7D}, VifTable.PRIMARY, 0x7D, -1, 0, 1, true);

    static {
        try {
            for (int b = 0; b < 0x80; b++) {
                if (b != 0x7C && b != 0x7B && b != 0x7D) {
                    ALONE[b] = decodeBytes(new byte[] {(byte) b}, 0, 1);
                }
                FD_ONE[b] = decodeBytes(new byte[] {(byte) 0xFD, (byte) b}, 0, 2);
                FB_ONE[b] = decodeBytes(new byte[] {(byte) 0xFB, (byte) b}, 0, 2);
            }
        } catch (DecodeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static ValueInformationBlock decodeBytes(byte[] data, int offset, int end) throws DecodeException {
        int pos = offset;
        int vif = data[pos++] & 0xFF;
        int primary = vif & 0x7F;
        int vifes = 0;
        boolean more = (vif & 0x80) != 0;
        VifTable table;
        int code = primary;
        int textStart = -1;
        int textLength = 0;
        if (primary == 0x7C) {
            // EN 13757-3 §6.4.2: plain-text VIF, a length byte and the ASCII unit (last character first)
            table = VifTable.PLAIN_TEXT;
            if (pos >= end) {
                throw new DecodeException(Reason.TRUNCATED, pos, "the length of the plain-text unit is missing");
            }
            textLength = data[pos] & 0xFF;
            if (textLength > 0xBF) {
                throw new DecodeException(Reason.BAD_LENGTH, pos,
                        "plain-text unit length " + textLength + " is not a text LVAR (00h..BFh)");
            }
            if (textLength > end - pos - 1) {
                throw new DecodeException(Reason.TRUNCATED, pos,
                        "plain-text unit of " + textLength + " characters, " + (end - pos - 1) + " bytes left");
            }
            textStart = pos + 1 - offset;
            pos += 1 + textLength;
        } else if (vif == 0xFD || vif == 0xFB) {
            table = vif == 0xFD ? VifTable.EXTENSION_FD : VifTable.EXTENSION_FB;
            if (pos >= end) {
                throw new DecodeException(Reason.TRUNCATED, pos, "the VIFE of extension table "
                        + (vif == 0xFD ? "FDh" : "FBh") + " is missing");
            }
            int vife = data[pos++] & 0xFF;
            vifes = 1;
            code = vife & 0x7F;
            more = (vife & 0x80) != 0;
        } else if (vif == 0x7D || vif == 0x7B) {
            throw new DecodeException(Reason.BAD_RECORD, offset,
                    "VIF 7Bh/7Dh announces an extension table but has no extension bit");
        } else if (primary == 0x7E) {
            table = VifTable.ANY;
        } else if (primary == 0x7F) {
            table = VifTable.MANUFACTURER;
        } else {
            table = VifTable.PRIMARY;
        }
        int combinableStart = pos - offset;
        while (more) {
            if (pos >= end) {
                throw new DecodeException(Reason.TRUNCATED, pos, "the data ends where a VIFE is announced");
            }
            if (vifes == MAX_VIFES) {
                throw new DecodeException(Reason.TOO_MANY_VIFES, pos, "more than 10 VIFEs in one record");
            }
            more = (data[pos++] & 0x80) != 0;
            vifes++;
        }
        return new ValueInformationBlock(Arrays.copyOfRange(data, offset, pos), table, code, textStart, textLength,
                combinableStart);
    }

    /** The VIB of these bytes (VIF first, as sent); IllegalArgumentException if they are not one whole VIB. */
    public static ValueInformationBlock of(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0 || bytes[i] > 0xFF) {
                throw new IllegalArgumentException("not a byte: " + bytes[i]);
            }
            b[i] = (byte) bytes[i];
        }
        try {
            ValueInformationBlock vib = decode(b, 0, b.length);
            if (vib.length() != b.length) {
                throw new IllegalArgumentException("the VIB ends after " + vib.length() + " of " + b.length + " bytes");
            }
            return vib;
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not a VIB: " + e.getMessage(), e);
        }
    }

    /** A plain-text VIF (7Ch, or FCh with {@code vifes}) with this unit, sent last character first. */
    public static ValueInformationBlock plainText(String unit, int... vifes) {
        if (unit.length() > 0xBF) {
            throw new IllegalArgumentException("a plain-text unit has at most 191 characters");
        }
        int[] b = new int[2 + unit.length() + vifes.length];
        b[0] = vifes.length > 0 ? 0xFC : 0x7C;
        b[1] = unit.length();
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(unit.length() - 1 - i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("a plain-text unit is ASCII");
            }
            b[2 + i] = c;
        }
        System.arraycopy(vifes, 0, b, 2 + unit.length(), vifes.length);
        return of(b);
    }

    public int length() {
        return length;
    }

    /** The bytes as sent (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    int encode(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, bytes.length);
        return offset + bytes.length;
    }

    public VifTable table() {
        return table;
    }

    /** The 7-bit code in {@link #table()} (for FDh/FBh: the first VIFE's code). */
    public int code() {
        return code;
    }

    /** The first byte, as sent. */
    public int vif() {
        return bytes[0] & 0xFF;
    }

    /** The combinable (orthogonal) VIFEs, extension bits removed, in the order sent. */
    public int[] combinableVifes() {
        int[] out = new int[bytes.length - combinableStart];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes[combinableStart + i] & 0x7F;
        }
        return out;
    }

    /** Whether a combinable VIFE with this code (E bit removed) is present. */
    public boolean hasCombinable(int vifeCode) {
        for (int i = combinableStart; i < bytes.length; i++) {
            if ((bytes[i] & 0x7F) == vifeCode) {
                return true;
            }
        }
        return false;
    }

    /** The plain-text unit in reading order (VIF 7Ch/FCh). */
    public Optional<String> plainTextUnit() {
        if (table != VifTable.PLAIN_TEXT) {
            return Optional.empty();
        }
        char[] text = new char[textLength];
        for (int i = 0; i < textLength; i++) {
            text[i] = (char) (bytes[textStart + textLength - 1 - i] & 0xFF);
        }
        return Optional.of(new String(text));
    }

    /** The quantity, as EN 13757-3 names it. */
    public String quantity() {
        return unknown ? "unknown VIF " + Hex.byteHex(bytes[0] & 0xFF) + "h (no extension bit)" : meaning.quantity();
    }

    /** The SI unit text (e.g. {@code m^3}, {@code Wh}, {@code °C}); empty when there is none. */
    public String unit() {
        if (kind != meaning.kind() && kind == ValueKind.DATE_TIME) {
            return ""; // EN 13757-3 Table 15: a "date (/time) of" VIFE makes the value a point in time, without unit
        }
        if (table == VifTable.PLAIN_TEXT) {
            return plainTextUnit().orElse("");
        }
        if (!unitModified) {
            return meaning.unit();
        }
        StringBuilder unit = new StringBuilder(meaning.unit());
        for (int i = combinableStart; i < bytes.length; i++) {
            int e = bytes[i] & 0x7F;
            if (e == 0x7F) {
                break;
            }
            String suffix = CombinableVife.unitSuffix(e);
            if (suffix != null) {
                unit.append(suffix);
            }
        }
        return unit.toString();
    }

    /** The decimal exponent of the value: VIF multiplier plus any multiplicative correction VIFE. */
    public int exponent() {
        return exponent;
    }

    /** The COSEM unit the value maps to, with its extra scaler; empty when there is no DLMS equivalent. */
    public Optional<CosemUnit> cosemUnit() {
        if (unknown || unitModified || table == VifTable.PLAIN_TEXT || meaning.cosem() == null) {
            return Optional.empty();
        }
        return Optional.of(meaning.cosem());
    }

    int cosemShift() {
        return meaning.cosemShift();
    }

    /** Whether this is VIF 7Bh/7Dh without extension bit, read leniently as an unknown VIF. */
    public boolean isUnknown() {
        return unknown;
    }

    ValueKind kind() {
        return unknown || table == VifTable.MANUFACTURER || table == VifTable.ANY ? ValueKind.OPAQUE : kind;
    }

    /** A line for a person: quantity, unit, exponent and the combinable VIFEs. */
    public String describe() {
        StringBuilder s = new StringBuilder(quantity());
        String unit = unit();
        if (!unit.isEmpty()) {
            s.append(" [").append(unit).append(']');
        }
        if (exponent != 0) {
            s.append(" ×10^").append(exponent);
        }
        for (int i = combinableStart; i < bytes.length; i++) {
            s.append(", ").append(CombinableVife.describe(bytes[i] & 0x7F));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueInformationBlock v && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "VIB[" + java.util.HexFormat.of().withUpperCase().formatHex(bytes) + " " + describe() + "]";
    }
}
