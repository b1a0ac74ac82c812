package org.p2gate.mbus.transport;

/**
 * Which way a message travels between the master (the DSMR E-meter) and an M-Bus device.
 */
public enum Direction {
    /** From the master (E-meter, gateway) to the device. */
    TO_DEVICE,
    /** From the device (meter, actuator) to the master. */
    FROM_DEVICE
}
