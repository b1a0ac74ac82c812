package org.p2gate.mbus.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** EN 13757-2 FT1.2, P2 §3.1: the checksum is the arithmetic sum of the bytes mod 256, whatever the way it is added. */
class ChecksumTest {

    @Test
    void wordWiseSumEqualsByteWiseSumForEveryLengthAndOffset() {
        Random random = new Random(18);
        byte[] bytes = new byte[1200];
        for (int round = 0; round < 20; round++) {
            random.nextBytes(bytes);
            if (round == 0) {
                java.util.Arrays.fill(bytes, (byte) 0xFF); // the largest lanes: 255 in every byte
            }
            for (int offset = 0; offset < 9; offset++) {
                for (int length = 0; length <= 1100; length += (length < 40 ? 1 : 37)) {
                    int expected = 0;
                    for (int i = offset; i < offset + length; i++) {
                        expected += bytes[i] & 0xFF;
                    }
                    assertEquals(expected & 0xFF, Checksum.of(bytes, offset, length), "offset " + offset + " length " + length);
                }
            }
        }
    }
}
