package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2gate.testing.TestVectors;

class ManufacturerCodeTest {

    static Stream<JsonNode> verifiedManufacturerVectors() {
        return TestVectors.verified("manufacturer-code");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiedManufacturerVectors")
    void everyVerifiedVectorEncodesAndDecodes(JsonNode vector) {
        String letters = vector.at("/inputs/letters").asText();
        int code = Integer.parseInt(vector.at("/expected/code").asText(), 16);
        byte[] wire = HexFormat.of().parseHex(vector.at("/expected/wire_bytes").asText());

        assertEquals(code, ManufacturerCode.of(letters).code(), "encode " + letters);
        assertArrayEquals(wire, ManufacturerCode.of(letters).toWire(), "wire bytes of " + letters);
        assertEquals(letters, ManufacturerCode.fromWire(wire[0], wire[1]).letters(), "decode " + vector.get("id"));
    }

    @Test
    void dsmrAppendixBNetIs38B4SentB438() {
        ManufacturerCode net = ManufacturerCode.fromWire((byte) 0xB4, (byte) 0x38);
        assertEquals("NET", net.letters());
        assertEquals("NET (38B4h)", net.toString());
    }

    @Test
    void lettersOutsideAToZAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ManufacturerCode.of("ne1"));
        assertThrows(IllegalArgumentException.class, () -> ManufacturerCode.of("NETW"));
    }

    @Test
    void aCodeThatDoesNotPackThreeLettersIsKeptAndSaidSo() {
        assertEquals(true, new ManufacturerCode(0x38B4).isLetters());
        assertEquals(false, new ManufacturerCode(0x0000).isLetters());
        assertEquals(false, new ManufacturerCode(0x8000 | 0x38B4).isLetters());
        assertEquals(false, new ManufacturerCode(0x7FFF).isLetters());
        assertEquals(0xFFFF, ManufacturerCode.fromWire((byte) 0xFF, (byte) 0xFF).code());
        assertThrows(IllegalArgumentException.class, () -> new ManufacturerCode(0x10000));
    }
}
