package org.p2gate.headend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** {@code --short-id ID,MAN,VER,TYPE}: the serial as printed (BCD digits), the manufacturer as letters or a number. */
class ShortIdArgumentTest {

    @Test
    void theSerialIsReadAsItsBcdDigitsAndTheManufacturerAsLetters() {
        assertEquals(new ShortId(0x12345678, ManufacturerCode.of("NET"), 20, DeviceType.GAS),
                ShortIdArgument.parse("12345678,net,0x14,3"));
        assertEquals(new ShortId(0x12345678, new ManufacturerCode(0x38B4), 20, DeviceType.GAS),
                ShortIdArgument.parse("12345678,0x38B4,20,0x03"));
    }

    @Test
    void aMalformedShortIdIsRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> ShortIdArgument.parse("1234567,NET,1,3"));
        assertThrows(IllegalArgumentException.class, () -> ShortIdArgument.parse("12345678,NET,1"));
        assertThrows(IllegalArgumentException.class, () -> ShortIdArgument.parse("12345678,NET,256,3"));
    }
}
