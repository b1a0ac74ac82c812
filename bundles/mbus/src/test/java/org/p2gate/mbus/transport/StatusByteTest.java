package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusByteTest {

    @Test
    void lowTwoBitsAreTheApplicationStatus() {
        assertEquals(StatusByte.ApplicationStatus.NO_ERROR, StatusByte.of(0x00).applicationStatus());
        assertEquals(StatusByte.ApplicationStatus.APPLICATION_BUSY, StatusByte.of(0x01).applicationStatus());
        assertTrue(StatusByte.of(0x01).applicationBusy());
        // OMS Annex N N.8: status 02h = "any application error"
        assertEquals(StatusByte.ApplicationStatus.ANY_APPLICATION_ERROR, StatusByte.of(0x02).applicationStatus());
        assertTrue(StatusByte.of(0x02).anyApplicationError());
        assertEquals(StatusByte.ApplicationStatus.ABNORMAL_CONDITION, StatusByte.of(0x03).applicationStatus());
    }

    @Test
    void bitsTwoThreeFourArePowerLowPermanentAndTemporaryError() {
        assertTrue(StatusByte.of(0x04).powerLow());
        assertTrue(StatusByte.of(0x08).permanentError());
        assertTrue(StatusByte.of(0x10).temporaryError());
        assertFalse(StatusByte.of(0x10).permanentError());
    }

    @Test
    void topThreeBitsAreManufacturerSpecificAndKept() {
        StatusByte status = StatusByte.of(0xE0);
        assertEquals(7, status.manufacturerBits());
        assertEquals(0xE0, status.value());
        assertEquals(StatusByte.ApplicationStatus.NO_ERROR, status.applicationStatus());
    }

    @Test
    void dsmrDevicesSendZero() {
        // P2 4.2.2 §4.2.5: the status byte is not used and set to 0
        assertEquals(StatusByte.OK, StatusByte.of(0));
        assertFalse(StatusByte.OK.powerLow() || StatusByte.OK.permanentError() || StatusByte.OK.temporaryError());
    }
}
