package org.p2gate.mbus.dsmr;

/**
 * The messages P2 4.2.2 §4.1 allows, named as Tables 5 (wired) and 6 (wireless) name them.
 */
public enum MessageKind {
    /** Normalisation message: reset link (wired C 40h; wireless C 40h CI 80h, which also stops the FAC). */
    SND_NKE,
    /** Meter data request (wired C 5Bh) / on-demand data request (wireless C 5Bh CI 80h). */
    REQ_UD2,
    /** Meter data: billing data, status, version (wired C 08h CI 72h; wireless C 08h CI 7Ah). */
    RSP_UD,
    /**
     * Control message: readout list (wired C 53h CI 5Ah; wireless C 53h CI 5Bh). On wireless the same
     * C/CI also carries the unencrypted message "set key", told apart by configuration word 0000h.
     */
    SND_UD_CONTROL,
    /** Control message: clock synchronisation (C 53h CI 6Ch, both media). */
    SND_UD_CLOCK_SYNCHRONISATION,
    /** Unencrypted message: set M-Bus address, set key (wired C 53h CI 51h, no header). */
    SND_UD_UNENCRYPTED,
    /** Time critical data message: not used, but standard (wired C 5Ah). */
    REQ_UD1,
    /**
     * Status request message: not used, but standard (wired C 59h as Table 5 prints it; EN 13757-2
     * codes REQ_SKE as 49h, which the table does not list).
     */
    REQ_SKE,
    /** Status response (wired C xBh). */
    RSP_SKE,
    /** The single character E5h: the wired device's acknowledgement. */
    SINGLE_CHARACTER,
    /** Meter data message (wireless C 44h CI 7Ah), sent by the device without a request. */
    SND_NR,
    /** Installation message: broadcast and registration (wireless C 46h CI 7Ah). */
    SND_IR,
    /** Confirmation of an installation message (wireless C 06h CI 80h). */
    CNF_IR,
    /** Acknowledgement of SND_UD (wireless C 00h CI 8Ah). */
    ACK
}
