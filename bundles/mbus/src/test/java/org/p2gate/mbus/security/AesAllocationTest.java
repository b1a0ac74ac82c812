package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/**
 * The allocation budget (≤ 2 KB per frame) for the decryption of a DSMR mode-15 frame: the
 * reason the ciphers are cached per thread (a Cipher.getInstance per call measured about 6 KB).
 */
class AesAllocationTest {

    private static final int ROUNDS = 20_000;

    @Test
    void decryptingAMode15FrameAllocatesWellUnderTwoKilobytes() throws DecodeException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        var mx = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        AesKey key = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
        ShortId meter = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        byte[] ciphertext = Mode15Cipher.encrypt(key, meter, 1, new byte[42]); // B1.3 size: 3 blocks
        for (int i = 0; i < ROUNDS; i++) {
            Mode15Cipher.decrypt(key, meter, 1, ciphertext, 0, ciphertext.length);
        }
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ROUNDS; i++) {
            Mode15Cipher.decrypt(key, meter, 1, ciphertext, 0, ciphertext.length);
        }
        long perFrame = (mx.getThreadAllocatedBytes(thread) - before) / ROUNDS;
        assertTrue(perFrame <= 1024, "mode-15 decryption allocated " + perFrame + " bytes per frame");
    }
}
