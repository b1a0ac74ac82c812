package org.p2gate.mbus.wireless.hci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HciStreamDecoderTest {

    @Test
    void crcIsCrc16X25() {
        // the catalogue check value of CRC-16/X-25 (CRC-16/IBM-SDLC) over "123456789"
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x906E, HciCrc.compute(check, 0, check.length));
    }

    @Test
    void messageWithTimestampRssiAndCrcRoundTrips() {
        HciMessage m = new HciMessage(2, 3, new byte[] {0x44, 1, 2}, OptionalLong.of(0x01020304L), OptionalInt.of(180));
        byte[] bytes = m.encode(true);
        assertEquals((byte) 0xE2, bytes[1], "control 2h|4h|8h in the high nibble, endpoint 2");
        assertEquals(List.of(m), new HciStreamDecoder().feed(bytes, 0, bytes.length));
    }

    @Test
    void bytesBeforeAStartOfFrameAreSkippedAndAFrameSplitAcrossReadsIsJoined() {
        HciMessage m = HciMessage.of(1, 4, (byte) 0);
        byte[] bytes = m.encode(true);
        HciStreamDecoder d = new HciStreamDecoder();
        List<HciMessage> out = new ArrayList<>(d.feed(new byte[] {0x00, 0x13, 0x37}, 0, 3));
        out.addAll(d.feed(bytes, 0, 3));
        out.addAll(d.feed(bytes, 3, bytes.length - 3));
        assertEquals(List.of(m), out);
        assertEquals(3, d.skippedBytes());
    }

    @Test
    void frameWithABadCrcIsDroppedAndTheNextOneStillDecodes() {
        byte[] bad = HciMessage.of(2, 3, (byte) 0x44, (byte) 0x55).encode(true);
        bad[bad.length - 1] ^= 0x01;
        HciMessage good = HciMessage.of(2, 2, (byte) 0);
        byte[] goodBytes = good.encode(true);
        byte[] stream = new byte[bad.length + goodBytes.length];
        System.arraycopy(bad, 0, stream, 0, bad.length);
        System.arraycopy(goodBytes, 0, stream, bad.length, goodBytes.length);
        HciStreamDecoder d = new HciStreamDecoder();
        assertEquals(List.of(good), d.feed(stream, 0, stream.length));
        assertEquals(1, d.badCrcs());
    }

    @Test
    void requestWithoutCrcIsTheFourHeaderBytesAndThePayload() {
        assertArrayEquals(new byte[] {(byte) 0xA5, 0x01, 0x03, 0x02, 0x00, 0x01},
                HciMessage.of(1, 3, (byte) 0, (byte) 1).encode(false));
    }
}
