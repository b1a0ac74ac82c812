package org.p2gate.master;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a change of a device's status byte raises (P2 4.2.2 §6.2.3 / §6.3.3 bit meanings),
 * once, when a bit goes from 0 to 1: bit 2 power low → replace battery, bit 3 permanent error,
 * bit 6 fraud attempt. P2's status byte has no "dead battery" bit.
 */
public final class StatusAlarms {

    /** P2 §6.2.3 bit 2: "Power low (Battery replacement expected)". */
    static final int POWER_LOW = 0x04;
    /** P2 §6.2.3 bit 3: "Permanent error". */
    static final int PERMANENT_ERROR = 0x08;
    /** P2 §6.2.3 bit 6: "Fraud attempt registered". */
    static final int FRAUD = 0x40;
    /** P2 §6.2.3: the non-permanent bits, the clear-status mask 73h (application errors, temporary, clock, fraud). */
    static final int NON_PERMANENT = 0x73;

    /** The bits that raise an event (power low, permanent error, fraud). */
    public static final int ALARM_BITS = POWER_LOW | PERMANENT_ERROR | FRAUD;

    private StatusAlarms() {}

    /** The alarm bits of a status byte (COSEM class 72 attribute alarm). */
    public static int alarms(int status) {
        return status & ALARM_BITS;
    }

    static List<MBusEventKind> raised(int before, int after) {
        int rising = after & ~before;
        List<MBusEventKind> out = new ArrayList<>(3);
        if ((rising & POWER_LOW) != 0) {
            out.add(MBusEventKind.REPLACE_BATTERY);
        }
        if ((rising & PERMANENT_ERROR) != 0) {
            out.add(MBusEventKind.PERMANENT_ERROR);
        }
        if ((rising & FRAUD) != 0) {
            out.add(MBusEventKind.FRAUD_ATTEMPT);
        }
        return out;
    }
}
