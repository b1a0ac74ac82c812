package org.p2gate.mbus.record;

/**
 * What a VIF (with its table) means: quantity, SI unit text, decimal exponent, and the COSEM unit
 * with the extra scaler that converts the SI unit to it (e.g. MWh → Wh: +6).
 */
record VifMeaning(String quantity, String unit, int exponent, CosemUnit cosem, int cosemShift, ValueKind kind) {

    static VifMeaning number(String quantity, String unit, int exponent, CosemUnit cosem) {
        return new VifMeaning(quantity, unit, exponent, cosem, 0, ValueKind.NUMBER);
    }

    static VifMeaning number(String quantity, String unit, int exponent, CosemUnit cosem, int shift) {
        return new VifMeaning(quantity, unit, exponent, cosem, shift, ValueKind.NUMBER);
    }

    static VifMeaning of(String quantity, ValueKind kind) {
        return new VifMeaning(quantity, "", 0, null, 0, kind);
    }

    static final VifMeaning RESERVED = of("Reserved", ValueKind.OPAQUE);
}
