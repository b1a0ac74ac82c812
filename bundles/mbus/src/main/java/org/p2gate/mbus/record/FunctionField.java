package org.p2gate.mbus.record;

/** The function field of a DIF, bits 4..5 (EN 13757-3 §6.3.1). */
public enum FunctionField {
    INSTANTANEOUS("Instantaneous value"),
    MAXIMUM("Maximum value"),
    MINIMUM("Minimum value"),
    ERROR_STATE("Value during error state");

    private static final FunctionField[] BY_CODE = values();

    private final String description;

    FunctionField(String description) {
        this.description = description;
    }

    public int code() {
        return ordinal();
    }

    public String description() {
        return description;
    }

    public static FunctionField ofCode(int code) {
        return BY_CODE[code & 0x03];
    }
}
