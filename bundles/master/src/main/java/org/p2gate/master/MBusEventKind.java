package org.p2gate.master;

/**
 * The DSMR M-Bus events of a channel, with their offset k in the event code
 * {@code 100 + 10 × (channel − 1) + k} (DSMR P3 M-Bus event log 0-0:99.98.3.255).
 *
 * <p>P2 4.2.2 itself lists no event codes (§7.2 is "Power outage"); the codes are the P3 companion
 * standard's. Offsets 0..6 were checked against two independent public renderings of the P3 list
 * (100 communication error, 101 communication ok, 102 replace battery, 103 fraud attempt, 104 clock
 * adjusted, 105 new M-Bus device discovered, 106 permanent error; 110.., 120.., 130.. for channels
 * 2..4). {@link #DEAD_BATTERY} (7) could not be confirmed from any source at hand, and P2's status
 * byte has no "dead battery" bit (§6.2.3: bit 2 power low, bit 3 permanent error, bit 6 fraud), so
 * the wired master never raises it.
 */
public enum MBusEventKind {
    COMMUNICATION_ERROR(0),
    COMMUNICATION_OK(1),
    REPLACE_BATTERY(2),
    FRAUD_ATTEMPT(3),
    CLOCK_ADJUSTED(4),
    NEW_DEVICE_DISCOVERED(5),
    PERMANENT_ERROR(6),
    /** Not confirmed in the P3 list at hand; not derivable from the P2 status byte (see the class comment). */
    DEAD_BATTERY(7);

    private final int offset;

    MBusEventKind(int offset) {
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
