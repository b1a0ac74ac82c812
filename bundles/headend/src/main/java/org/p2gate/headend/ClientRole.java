package org.p2gate.headend;

/** The P3 client a head-end associates as (DSMR P3: the public client and the management client). */
public enum ClientRole {
    /** Client SAP 16, lowest security: no authentication, no ciphering; reads identifying attributes. */
    PUBLIC(16),
    /** Client SAP 1: HLS 5 (GMAC), authenticated and encrypted APDUs, security suite 0. */
    MANAGEMENT(1);

    private final int sap;

    ClientRole(int sap) {
        this.sap = sap;
    }

    /** The client's service access point, the wrapper source address. */
    public int sap() {
        return sap;
    }
}
