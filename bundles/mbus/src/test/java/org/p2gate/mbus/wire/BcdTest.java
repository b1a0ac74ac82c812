package org.p2gate.mbus.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BcdTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void digitsAreSentLsbFirstTwoPerByte() {
        byte[] wire = HEX.parseHex("89674523");
        assertTrue(Bcd.isValid(wire, 0, 4));
        assertEquals(23456789L, Bcd.decode(wire, 0, 4));
        byte[] encoded = new byte[4];
        Bcd.encode(23456789L, encoded, 0, 4);
        assertArrayEquals(wire, encoded);
    }

    @Test
    void aNibbleAboveNineIsNotBcd() {
        assertFalse(Bcd.isValid(HEX.parseHex("8A"), 0, 1));
        assertFalse(Bcd.isValid(HEX.parseHex("A8"), 0, 1));
    }

    @Test
    void aNumberTooLargeForTheDigitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bcd.encode(100, new byte[1], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Bcd.encode(-1, new byte[1], 0, 1));
    }

    @Test
    void littleEndianRoundTrips() {
        byte[] bytes = new byte[8];
        LittleEndian.write(0x0102030405060708L, bytes, 0, 8);
        assertEquals("0807060504030201", HEX.formatHex(bytes));
        assertEquals(0x0102030405060708L, LittleEndian.read(bytes, 0, 8));
        assertEquals(0x0708, LittleEndian.readU16(bytes, 0));
        assertEquals(0x05060708L, LittleEndian.readU32(bytes, 0));
    }
}
