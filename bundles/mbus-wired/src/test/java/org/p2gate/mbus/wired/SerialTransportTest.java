package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Construction only: the real port path is tested against the simulator over a socat pty pair elsewhere. */
class SerialTransportTest {

    @Test
    void dsmrPortsAre2400Baud8E1() {
        assertEquals("serial /dev/ttyUSB0 2400 8E1", new SerialTransport("/dev/ttyUSB0").describe());
        assertEquals("serial /dev/ttyS1 9600 8E1", new SerialTransport("/dev/ttyS1", 9600).describe());
    }

    @Test
    void aPortNameAndAnEn13757BaudRateAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> new SerialTransport(" "));
        assertThrows(IllegalArgumentException.class, () -> new SerialTransport("/dev/ttyUSB0", 115200));
    }
}
