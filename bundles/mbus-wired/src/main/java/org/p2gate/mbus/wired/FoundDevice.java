package org.p2gate.mbus.wired;

import org.p2gate.mbus.frame.LongFrame;

/**
 * A device a scan found: the address it answered at and its RSP_UD (not interpreted by the link).
 *
 * @param address  the primary address, 0..250
 * @param response the RSP_UD frame it answered REQ_UD2 with
 */
public record FoundDevice(int address, LongFrame response) {

    public FoundDevice {
        if (response == null) {
            throw new IllegalArgumentException("a found device has its RSP_UD");
        }
    }
}
