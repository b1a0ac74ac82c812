package org.p2gate.p3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;

class WrapperReaderTest {

    private static WrapperReader reader(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new WrapperReader(new ByteArrayInputStream(data), 16);
    }

    @Test
    void aFrameIsReadWithItsAddresses() throws Exception {
        WrapperFrame frame = reader(0, 1, 0, 16, 0, 1, 0, 2, 0x62, 0x00).next().orElseThrow();
        assertEquals(16, frame.source());
        assertEquals(1, frame.destination());
        assertArrayEquals(new byte[] {0x62, 0x00}, frame.apdu());
    }

    @Test
    void aFrameEncodesBackToTheSameBytes() throws Exception {
        byte[] bytes = new WrapperFrame(1, 16, new byte[] {1, 2, 3}).encode();
        assertArrayEquals(new byte[] {0, 1, 0, 1, 0, 16, 0, 3, 1, 2, 3}, bytes);
    }

    @Test
    void theEndOfTheStreamBetweenFramesIsNoFrame() throws Exception {
        assertTrue(reader().next().isEmpty());
    }

    @Test
    void aWrongVersionIsMalformed() {
        MalformedWrapperException e = assertThrows(MalformedWrapperException.class,
                () -> reader(0, 2, 0, 16, 0, 1, 0, 1, 0x60).next());
        assertTrue(e.getMessage().contains("0002"), e.getMessage());
    }

    @Test
    void aLengthBeyondTheLargestApduIsMalformed() {
        MalformedWrapperException e = assertThrows(MalformedWrapperException.class,
                () -> reader(0, 1, 0, 16, 0, 1, 0, 17).next());
        assertTrue(e.getMessage().contains("17"), e.getMessage());
    }

    @Test
    void anEndInsideAFrameIsAnError() {
        assertThrows(EOFException.class, () -> reader(0, 1, 0, 16, 0, 1, 0, 4, 0x60).next());
    }
}
