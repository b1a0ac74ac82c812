package org.p2gate.mbus.record;

/** Which code table the (first) VIF of a record refers to (EN 13757-3 §6.4). */
public enum VifTable {
    /** Table 10, the VIF itself. */
    PRIMARY,
    /** VIF FDh: the first VIFE is a code of the main extension table (Table 12). */
    EXTENSION_FD,
    /** VIF FBh: the first VIFE is a code of the alternate extension table (Table 14). */
    EXTENSION_FB,
    /** VIF 7Ch/FCh: the unit follows as ASCII text (EN 13757-3 §6.4.2). */
    PLAIN_TEXT,
    /** VIF 7Eh/FEh: any VIF, used in readout requests. */
    ANY,
    /** VIF 7Fh/FFh: manufacturer specific. */
    MANUFACTURER
}
