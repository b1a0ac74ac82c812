package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** The per-thread Cipher and CMac caches: threads with different keys never see each other's state. */
class ConcurrentUseTest {

    @Test
    void threadsWithTheirOwnKeysGetTheSameResultsAsOneThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                results.add(pool.submit(() -> work(seed)));
            }
            for (Future<Integer> result : results) {
                assertEquals(1000, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int work(long seed) throws Exception {
        Random random = new Random(seed);
        AesKey master = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
        int done = 0;
        for (int n = 0; n < 1000; n++) {
            byte[] keyBytes = new byte[16];
            random.nextBytes(keyBytes);
            AesKey key = AesKey.of(keyBytes);
            ShortId device = new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)), 0x42, DeviceType.GAS);
            byte[] records = new byte[random.nextInt(100)];
            random.nextBytes(records);
            byte[] ciphertext = Mode15Cipher.encrypt(key, device, n, records);
            byte[] plain = Mode15Cipher.decrypt(key, device, n, ciphertext, 0, ciphertext.length);
            assertArrayEquals(records, Arrays.copyOfRange(plain, 2, 2 + records.length));
            AesKey kenc = KeyDerivation.derive(master, KeyDerivation.Constant.KENC, 0x0AB3, 0x12345678);
            assertEquals(AesKey.fromHex("ECCF39D475D730B8284FDFDC1995D52F"), kenc);
            assertEquals("279FB74A7572135E8F9B8EF6D1EEE003", Vectors.hex(KeyWrap.wrap(
                    AesKey.fromHex("00112233445566778899AABBCCDDEEFF"), master)));
            done++;
        }
        return done;
    }
}
