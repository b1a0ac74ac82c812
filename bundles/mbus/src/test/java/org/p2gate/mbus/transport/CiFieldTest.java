package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CiFieldTest {

    @Test
    void dsmrShortHeaderCodesAre5A7A8A() {
        // P2 4.2.2 §4.2.1: CI codes 5Ah, 7Ah and 8Ah shall use a short data header
        for (int code : new int[] {0x5A, 0x7A, 0x8A}) {
            assertEquals(HeaderKind.SHORT, CiField.of(code).headerKind(), CiField.of(code).toString());
        }
    }

    @Test
    void dsmrLongHeaderCodesAre5B72806C() {
        // P2 4.2.2 §4.2.1: 5Bh, 72h and 80h long header; §4.3.4: 6Ch with long header
        for (int code : new int[] {0x5B, 0x72, 0x80, 0x6C}) {
            assertEquals(HeaderKind.LONG, CiField.of(code).headerKind(), CiField.of(code).toString());
        }
    }

    @Test
    void ci51HasNoHeader() {
        // P2 4.2.2 §4.2.1 note: CI 51h contains no header
        assertEquals(HeaderKind.NONE, CiField.of(0x51).headerKind());
        assertEquals(Optional.of(Direction.TO_DEVICE), CiField.of(0x51).direction());
    }

    @Test
    void commonResponseCodes78And79HaveNoHeader() {
        assertEquals(HeaderKind.NONE, CiField.of(0x78).headerKind());
        assertEquals(HeaderKind.NONE, CiField.of(0x79).headerKind());
        assertEquals(Optional.of(Direction.FROM_DEVICE), CiField.of(0x78).direction());
    }

    @Test
    void aquastreamCodesAreApplicationResetSlaveSelectAndBaudRates() {
        assertEquals(HeaderKind.NONE, CiField.of(0x50).headerKind());
        assertEquals(HeaderKind.NONE, CiField.of(0x52).headerKind());
        assertEquals("set baud rate to 300 Bd", CiField.of(0xB8).description());
        assertEquals("set baud rate to 2400 Bd", CiField.of(0xBB).description());
        assertEquals("set baud rate to 9600 Bd", CiField.of(0xBD).description());
    }

    @Test
    void omsLowerLayersAreEllAndAflWithoutDirection() {
        assertEquals(CiField.Layer.EXTENDED_LINK, CiField.of(0x8C).layer());
        assertEquals(CiField.Layer.EXTENDED_LINK, CiField.of(0x8E).layer());
        assertEquals(CiField.Layer.AUTHENTICATION_FRAGMENTATION, CiField.of(0x90).layer());
        assertTrue(CiField.of(0x90).direction().isEmpty());
    }

    @Test
    void unknownCodesAreRepresentableAndSaidSo() {
        CiField unknown = CiField.of(0x20);
        assertFalse(unknown.isKnown());
        assertEquals(CiField.Layer.UNKNOWN, unknown.layer());
        assertEquals("unknown (20h)", unknown.description());
        assertTrue(unknown.direction().isEmpty());
        assertTrue(CiField.of(0x7A).isKnown());
    }
}
