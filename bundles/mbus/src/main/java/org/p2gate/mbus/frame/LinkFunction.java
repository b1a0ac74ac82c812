package org.p2gate.mbus.frame;

/**
 * The link-layer functions a C-field names (EN 13757-2 C-field, wired; EN 13757-4 C-field, wireless; EN 60870-5-2 function codes).
 *
 * <p>C-field bits: 7 = 0, 6 = PRM (1: from the primary/initiating station), 5 = FCB (primary) or ACD
 * (secondary), 4 = FCV (primary) or DFC (secondary), 3..0 = function code. Each constant knows its base
 * code and which of bits 5/4 may vary without changing the function:
 * <ul>
 * <li>SND_UD, REQ_UD1, REQ_UD2 carry FCV = 1 and a toggling FCB (53h/73h, 5Ah/7Ah, 5Bh/7Bh);</li>
 * <li>responses (PRM = 0) carry ACD and DFC (RSP_UD 08h/18h/28h/38h, ACK 00h…30h, CNF_IR 06h…36h);</li>
 * <li>every other primary function is exactly its base code (SND_NKE 40h, SND_NR 44h, …), so that
 *     43h (wireless SND_UD2) is not taken for SND_UD with FCV = 0.</li>
 * </ul>
 * The wired acknowledgement is not a C-field at all but the single character E5h
 * ({@link SingleCharacter}); {@link #ACK} is the wireless C-field 00h.
 */
public enum LinkFunction {

    // EN 13757-2 / EN 13757-4: primary-station (PRM = 1) functions
    /** Link reset (wired and wireless); P2 Tables 5 and 6: normalisation, C = 40h. */
    SND_NKE(0x40, 0x00, true, true, true, true),
    /** Send user data (wired and wireless), FCB in bit 5; P2 Tables 5 and 6: C = 53h. */
    SND_UD(0x53, 0x20, true, true, true, true),
    /** Send user data with a response expected (EN 13757-4 only, OMS N.11.2). Not in DSMR. */
    SND_UD2(0x43, 0x00, false, true, false, false),
    /** Request class 1 (alarm) data, FCB in bit 5; P2 Table 5 lists it as "not used, but standard". */
    REQ_UD1(0x5A, 0x20, true, true, true, false),
    /** Request class 2 (user) data, FCB in bit 5; P2 Tables 5 and 6: C = 5Bh. */
    REQ_UD2(0x5B, 0x20, true, true, true, true),
    /**
     * Request status of link (EN 60870-5-2 function 9), wired only. EN 60870-5-2 sends it as 49h
     * (FCV = 0); P2 Table 5 prints 59h; both bits 5 and 4 are therefore ignored when matching.
     */
    REQ_SKE(0x49, 0x30, true, false, true, false),
    /** Send, no reply: the wireless meter's periodic message; P2 Table 6: C = 44h. */
    SND_NR(0x44, 0x00, false, true, false, true),
    /** Send installation request; P2 Table 6: C = 46h. */
    SND_IR(0x46, 0x00, false, true, false, true),
    /** Access demand, no reply (EN 13757-4); not allowed by P2 §3.2.2. */
    ACC_NR(0x47, 0x00, false, true, false, false),
    /** Access demand (EN 13757-4); not allowed by P2 §3.2.2. */
    ACC_DMD(0x48, 0x00, false, true, false, false),

    // EN 13757-2 / EN 13757-4: secondary-station (PRM = 0) functions, ACD/DFC in bits 5/4
    /** Acknowledgement, wireless C = 00h (wired: the single character E5h). */
    ACK(0x00, 0x30, false, true, false, true),
    /** Confirm installation request; P2 Table 6: C = 06h. */
    CNF_IR(0x06, 0x30, false, true, false, true),
    /** Respond with user data; P2 Tables 5 and 6: C = 08h. */
    RSP_UD(0x08, 0x30, true, true, true, true),
    /** Respond with status of link (wired); P2 Table 5 prints "xBh". */
    RSP_SKE(0x0B, 0x30, true, false, true, false);

    private final int code;
    private final int freeBits;
    private final boolean wired;
    private final boolean wireless;
    private final boolean dsmrWired;
    private final boolean dsmrWireless;

    LinkFunction(int code, int freeBits, boolean wired, boolean wireless, boolean dsmrWired, boolean dsmrWireless) {
        this.code = code;
        this.freeBits = freeBits;
        this.wired = wired;
        this.wireless = wireless;
        this.dsmrWired = dsmrWired;
        this.dsmrWireless = dsmrWireless;
    }

    /** The C-field of this function with bits 5 and 4 as listed in P2 Tables 5/6 (FCB = 0, ACD = DFC = 0). */
    public CField cField() {
        return CField.of(code);
    }

    /** Whether a C-field byte means this function (bits that may vary are ignored). */
    public boolean matches(int cField) {
        return (cField & ~freeBits & 0xFF) == code && (cField & ~0xFF) == 0;
    }

    /** Whether EN 13757-2 (wired M-Bus) defines this function as a C-field. */
    public boolean isWired() {
        return wired;
    }

    /** Whether EN 13757-4 (wireless M-Bus) defines this function. */
    public boolean isWireless() {
        return wireless;
    }

    /**
     * Whether DSMR uses this function on the wired link: P2 §3.1.2 allows SND_NKE, REQ_UD2, SND_UD,
     * RSP_UD, REQ_UD1, REQ_SKE, RSP_SKE (the last three "not used in the DSMR"). The E5h acknowledgement
     * is allowed too (Table 5) but is a single character, not this enum's ACK.
     */
    public boolean isAllowedByDsmrWired() {
        return dsmrWired;
    }

    /**
     * Whether DSMR allows this function on the wireless link: P2 §3.2.2 allows SND_NKE, REQ_UD2, RSP_UD,
     * SND_UD, SND_NR, ACK, SND_IR and CNF_IR; not REQ_UD1, ACC_NR, ACC_DMD.
     */
    public boolean isAllowedByDsmrWireless() {
        return dsmrWireless;
    }

    /** Whether the function is sent by the primary (initiating) station: PRM bit 6 set. */
    public boolean isPrimary() {
        return (code & CField.PRM) != 0;
    }

    /** Whether bit 5 is a frame count bit that alternates (SND_UD, REQ_UD1, REQ_UD2). */
    public boolean hasFrameCountBit() {
        return isPrimary() && (freeBits & CField.FCB) != 0 && (code & CField.FCV) != 0;
    }

    static final LinkFunction[] VALUES = values();
}
