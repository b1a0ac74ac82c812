package org.p2gate.headend;

import org.p2gate.mbus.transport.ManufacturerCode;

/**
 * What the public client may read of a channel's device: M-Bus Client Setup attributes 5..9 (primary
 * address and Short ID) and the equipment identifier 0-x:96.1.0.255.
 */
public record DeviceIdentity(int channel, int primaryAddress, long identificationNumber, int manufacturerId, int version,
        int deviceType, String equipmentIdentifier) {

    /** The identification number's 8 digits (its BCD bytes read as hex). */
    public String serialNumber() {
        return String.format("%08X", identificationNumber);
    }

    /** The manufacturer's three-letter code. */
    public String manufacturer() {
        return new ManufacturerCode(manufacturerId).letters();
    }

    /** Whether a device is bound (a primary address or a Short ID). */
    public boolean bound() {
        return primaryAddress != 0 || identificationNumber != 0;
    }
}
