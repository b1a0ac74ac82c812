package org.p2gate.mbus.record;

/** The data field of a DIF, bits 0..3: how the value is coded and how long it is (EN 13757-3 §6.3.1, Table 4). */
public enum DataField {
    NO_DATA(0x0, 0),
    INT8(0x1, 1),
    INT16(0x2, 2),
    INT24(0x3, 3),
    INT32(0x4, 4),
    REAL32(0x5, 4),
    INT48(0x6, 6),
    INT64(0x7, 8),
    /** Master to slave: "selection for readout", no data (EN 13757-3 §6.3.1; P2 4.2.2 §6.3.1). */
    SELECTION_FOR_READOUT(0x8, 0),
    BCD2(0x9, 1),
    BCD4(0xA, 2),
    BCD6(0xB, 3),
    BCD8(0xC, 4),
    /** Variable length: an LVAR byte follows the VIB (EN 13757-3 §6.3.1, Table 5). */
    VARIABLE_LENGTH(0xD, -1),
    BCD12(0xE, 6),
    /** Special functions (DIF 0Fh/1Fh/2Fh/7Fh); never the data field of a data record. */
    SPECIAL_FUNCTION(0xF, 0);

    private static final DataField[] BY_CODE = values();

    private final int code;
    private final int length;

    DataField(int code, int length) {
        this.code = code;
        this.length = length;
    }

    /** The 4-bit code. */
    public int code() {
        return code;
    }

    /** Bytes of data, or -1 for variable length (the LVAR byte decides). */
    public int length() {
        return length;
    }

    public boolean isInteger() {
        return code >= 0x1 && code <= 0x7 && code != 0x5;
    }

    public boolean isBcd() {
        return code >= 0x9 && code <= 0xC || code == 0xE;
    }

    public static DataField ofCode(int code) {
        return BY_CODE[code & 0x0F];
    }
}
