package org.p2gate.installation;

/** The E-meter's installation mode (P2 4.2.2 §8.1, §8.3.1): on or off. */
public enum ModeState {
    /** Normal operation: no continuous scan; only slave_install and bindings by attribute install devices. */
    NORMAL,
    /** Installation mode: the wired bus is scanned continuously and wireless candidates may be selected. */
    INSTALLATION
}
