package org.p2gate.cosem;

/**
 * The kinds of P3 client the logical device knows (DSMR P3: client SAP 16 is the public client,
 * SAP 1 the management client of the head-end). What each may do is the object list of its
 * association ({@link CosemDevice#attributeAccess}, {@link CosemDevice#methodAccess}).
 */
public enum ClientKind {
    /** Client SAP 16: no security; reads a few identifying attributes, invokes nothing. */
    PUBLIC(16),
    /** Client SAP 1: HLS 5 (GMAC), security suite 0; reads, writes and invokes what the head-end needs. */
    MANAGEMENT(1);

    private final int sap;

    ClientKind(int sap) {
        this.sap = sap;
    }

    /** The client's service access point (the wrapper's source address). */
    public int sap() {
        return sap;
    }
}
