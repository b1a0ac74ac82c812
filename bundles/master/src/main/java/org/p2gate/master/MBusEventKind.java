package org.p2gate.master;

/**
 * The DSMR M-Bus events of a channel, with their offset k in the event code
 * {@code 100 + 10 × (channel − 1) + k} (DSMR P3 event codes for M-Bus channels).
 */
public enum MBusEventKind {
    COMMUNICATION_ERROR(0),
    COMMUNICATION_OK(1),
    REPLACE_BATTERY(2),
    FRAUD_ATTEMPT(3),
    CLOCK_ADJUSTED(4),
    NEW_DEVICE_DISCOVERED(5),
    PERMANENT_ERROR(6),
    DEAD_BATTERY(7);

    private final int offset;

    MBusEventKind(int offset) {
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
