package org.p2gate.installation;

/**
 * The state of a channel's M-Bus device as the E-meter sees it (P2 4.2.2 §8.2; test mode is vendor specific and
 * out of scope).
 */
public enum DeviceMode {
    /** Registered but not heard from: for all the E-meter can tell, its (wireless) interface is inactive. */
    STORAGE,
    /** Accepting settings: a wired device at address 0, or a wireless one sending SND_IR without a CNF_IR yet. */
    INSTALLATION,
    /** Normal operation: a wired device answering at its own address, or a wireless one after its CNF_IR. */
    CUSTOMER
}
