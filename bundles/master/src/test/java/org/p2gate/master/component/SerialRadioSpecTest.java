package org.p2gate.master.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.wireless.Radio;

/** wireless.port names the radio: the AMB8465-M answers meters, a bare device is the receive-only iM871A. */
class SerialRadioSpecTest {

    final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void amberWithBaudAndRssi() {
        Radio r = MasterComponent.serialRadio("amb8465:/dev/ttyUSB1@19200+rssi", scheduler);
        assertTrue(r.answersArmed());
        assertEquals("AMB8465-M on serial /dev/ttyUSB1 19200 8N1", r.describe());
    }

    @Test
    void amberDefaultsTo9600() {
        assertEquals("AMB8465-M on serial /dev/ttyUSB1 9600 8N1", MasterComponent.serialRadio("amb8465:/dev/ttyUSB1", scheduler).describe());
        assertEquals("AMB8465-M on serial /dev/ttyUSB1 9600 8N1",
                MasterComponent.serialRadio("amb8465:/dev/ttyUSB1@fast", scheduler).describe(), "a bad rate: the default");
    }

    @Test
    void aBareDeviceIsTheReceiveOnlyIm871a() {
        Radio r = MasterComponent.serialRadio("/dev/ttyUSB1", scheduler);
        assertFalse(r.answersArmed());
        assertTrue(r.describe().startsWith("iM871A"));
    }
}
