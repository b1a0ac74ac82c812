package org.p2gate.mbus.record;

import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.Bcd;
import org.p2gate.mbus.wire.Hex;

/**
 * The fixed data structure of a response with CI 73h (multi-byte fields least significant byte first)
 * or 77h (most significant byte first), EN 13757-3:2004 §6.2 (from EN 1434-3): identification number
 * (8 BCD digits), access number, status, medium and units (data type E), counter 1, counter 2 —
 * 16 bytes, no further header. Counters are BCD or signed binary as status bit 0 says.
 *
 * @param identification the identification number
 * @param accessNumber   the access number, 0..255
 * @param status         the status byte: bit 0 counters binary (1) or BCD (0), bit 1 counters stored at a
 *                       fixed date (1) or actual (0), bit 2 power low, bit 3 permanent error, bit 4 temporary
 *                       error, bits 5..7 manufacturer specific
 * @param medium         the 4-bit medium code of type E (bits 7, 8, 15, 16 of the medium/unit field)
 * @param counter1       the first counter with its unit
 * @param counter2       the second counter with its unit
 */
public record FixedDataStructure(long identification, int accessNumber, int status, int medium, Counter counter1,
        Counter counter2) {

    /** The structure's size after the CI. */
    public static final int LENGTH = 16;
    /** CI 73h: the fixed data structure, least significant byte first (mode 1). */
    public static final int CI_LSB_FIRST = 0x73;
    /** CI 77h: the fixed data structure, most significant byte first (mode 2). */
    public static final int CI_MSB_FIRST = 0x77;

    /**
     * A counter of the fixed structure.
     *
     * @param unitCode the 6-bit physical unit code of type E
     * @param unit     its SI unit text (as the VIF tables write it), empty when it has none
     * @param value    an exact number ({@code mantissa × 10^exponent}, the unit code's multiplier applied),
     *                 or {@link RecordValue.Invalid} for a BCD digit above 9
     */
    public record Counter(int unitCode, String unit, RecordValue value) {
        public Counter {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(value, "value");
        }
    }

    public FixedDataStructure {
        Objects.requireNonNull(counter1, "counter1");
        Objects.requireNonNull(counter2, "counter2");
    }

    /** Whether a CI introduces the fixed data structure. */
    public static boolean isFixedDataCi(int ci) {
        return ci == CI_LSB_FIRST || ci == CI_MSB_FIRST;
    }

    /** Status bit 0: the counters are signed binary numbers (else BCD). */
    public boolean countersBinary() {
        return (status & 0x01) != 0;
    }

    /** Status bit 1: the counters were stored at a fixed date (else they are actual values). */
    public boolean storedAtFixedDate() {
        return (status & 0x02) != 0;
    }

    /** The medium, as the fixed structure's table names it. */
    public String mediumDescription() {
        return MEDIA[medium];
    }

    /**
     * Decodes the 16 bytes after the CI at {@code offset}; {@code ci} is 73h or 77h. Offsets in exceptions
     * index {@code bytes}.
     */
    public static FixedDataStructure decode(int ci, byte[] bytes, int offset, int length) throws DecodeException {
        if (!isFixedDataCi(ci)) {
            throw new IllegalArgumentException("CI " + Hex.byteHex(ci) + "h is not a fixed data structure");
        }
        if (length != LENGTH) {
            throw new DecodeException(length < LENGTH ? Reason.TRUNCATED : Reason.BAD_LENGTH, offset + Math.min(length, LENGTH),
                    "the fixed data structure has " + LENGTH + " bytes, " + length + " follow the CI");
        }
        // mode 2 (77h) sends every multi-byte field most significant byte first: read it in mode 1's order
        byte[] b = new byte[LENGTH];
        System.arraycopy(bytes, offset, b, 0, LENGTH);
        if (ci == CI_MSB_FIRST) {
            reverse(b, 0, 4);
            reverse(b, 6, 2);
            reverse(b, 8, 4);
            reverse(b, 12, 4);
        }
        if (!Bcd.isValid(b, 0, 4)) {
            throw new DecodeException(Reason.BAD_HEADER, offset, "the identification number is not 8 BCD digits");
        }
        int status = b[5] & 0xFF;
        int low = b[6] & 0xFF;
        int high = b[7] & 0xFF;
        // type E: unit 1 in bits 1..6, unit 2 in bits 9..14, the medium in bits 7, 8, 15, 16
        int medium = (low >> 6) | (high >> 6) << 2;
        boolean binary = (status & 0x01) != 0;
        return new FixedDataStructure(Bcd.decode(b, 0, 4), b[4] & 0xFF, status, medium,
                counter(low & 0x3F, b, 8, binary), counter(high & 0x3F, b, 12, binary));
    }

    private static Counter counter(int unitCode, byte[] b, int offset, boolean binary) {
        RecordValue value;
        if (binary) {
            value = RecordValue.Numeric.of(DataTypes.signed(b, offset, 4), EXPONENTS[unitCode]);
        } else if (Bcd.isValid(b, offset, 4)) {
            value = RecordValue.Numeric.of(Bcd.decode(b, offset, 4), EXPONENTS[unitCode]);
        } else {
            value = new RecordValue.Invalid("a BCD digit above 9 in the counter");
        }
        return new Counter(unitCode, UNITS[unitCode], value);
    }

    private static void reverse(byte[] b, int offset, int length) {
        for (int i = 0, j = offset + length - 1; i < length / 2; i++, j--) {
            byte t = b[offset + i];
            b[offset + i] = b[j];
            b[j] = t;
        }
    }

    // EN 13757-3:2004 §6.2 / EN 1434-3: media of the fixed structure (4 bits)
    private static final String[] MEDIA = {"other", "oil", "electricity", "gas", "heat", "steam", "hot water", "water",
        "heat cost allocator", "reserved", "gas (mode 2)", "heat (mode 2)", "hot water (mode 2)", "water (mode 2)",
        "heat cost allocator (mode 2)", "reserved"};

    private static final String[] UNITS = new String[64];
    private static final int[] EXPONENTS = new int[64];

    static {
        // EN 13757-3:2004 §6.2 / EN 1434-3: physical units of type E; from 02h on groups of three: ×1, ×10, ×100
        UNITS[0x00] = "h,m,s";
        UNITS[0x01] = "D,M,Y";
        String[] groups = {"Wh", "Wh", "Wh", "J", "J", "J", "W", "W", "W", "J/h", "J/h", "J/h", "m^3", "m^3", "m^3",
            "m^3/h", "m^3/h", "m^3/h"};
        int[] groupExponents = {0, 3, 6, 3, 6, 9, 0, 3, 6, 3, 6, 9, -6, -3, 0, -6, -3, 0};
        for (int g = 0; g < groups.length; g++) {
            for (int n = 0; n < 3; n++) {
                UNITS[0x02 + 3 * g + n] = groups[g];
                EXPONENTS[0x02 + 3 * g + n] = groupExponents[g] + n;
            }
        }
        UNITS[0x38] = "°C";
        EXPONENTS[0x38] = -3;
        UNITS[0x39] = "HCA units";
        for (int code = 0x3A; code <= 0x3D; code++) {
            UNITS[code] = "reserved";
        }
        UNITS[0x3E] = "as counter 1, historic";
        UNITS[0x3F] = "";
    }
}
