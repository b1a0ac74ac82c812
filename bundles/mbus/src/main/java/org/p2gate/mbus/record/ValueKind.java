package org.p2gate.mbus.record;

/** How the data of a record is to be read, as its VIF says (EN 13757-3 Annex A). */
enum ValueKind {
    /** A number scaled by the VIF: types A, B, C, H and LVAR numbers. */
    NUMBER,
    /** Time point date: type G (EN 13757-3 Table 10, VIF 6Ch). */
    DATE,
    /** Time point date and time: type F (4 bytes), I (6 bytes), J (3 bytes), G (2 bytes). */
    DATE_TIME,
    /** Bits (type D): error flags, masks, digital inputs and outputs. */
    BITS,
    /** Identification, fabrication number, versions: a number or a text. */
    IDENTIFICATION,
    /** Key material (DSMR VIF FD 19): bytes only, never printed. */
    KEY,
    /** Manufacturer specific or reserved: kept as the meter sent it. */
    OPAQUE
}
