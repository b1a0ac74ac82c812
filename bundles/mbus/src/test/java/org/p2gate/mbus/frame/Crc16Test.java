package org.p2gate.mbus.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.testing.TestVectors;

class Crc16Test {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void checkValueOverAscii123456789IsC2B7() {
        byte[] ascii = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xC2B7, Crc16.of(ascii, 0, ascii.length));
    }

    @Test
    void everyCrc16WmbusVectorIsReproducedHighByteFirst() {
        // all 42, including the derived check value (crc16-wmbus-check-value, not printed in a document)
        List<JsonNode> vectors = TestVectors.all("crc16-wmbus").toList();
        assertEquals(42, vectors.size());
        for (JsonNode v : vectors) {
            byte[] block = HEX.parseHex(v.at("/inputs/block").asText());
            byte[] withCrc = new byte[block.length + 2];
            System.arraycopy(block, 0, withCrc, 0, block.length);
            Crc16.append(withCrc, 0, block.length);
            assertEquals(v.at("/expected/crc").asText(), HEX.formatHex(withCrc, block.length, block.length + 2),
                    v.path("id").asText());
            assertTrue(Crc16.matches(withCrc, 0, block.length));
        }
    }

    @Test
    void crcOfARangeIgnoresBytesOutsideIt() {
        byte[] bytes = HEX.parseHex("FF43449315785634123303FF");
        assertEquals(0x7AC9, Crc16.of(bytes, 1, 10));
    }
}
