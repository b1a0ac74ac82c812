package org.p2gate.mbus.dsmr;

/** The P2 medium: wired M-Bus (EN 13757-2, P2 4.2.2 Table 5) or wireless M-Bus T2 (EN 13757-4, Table 6). */
public enum Medium {
    WIRED,
    WIRELESS
}
