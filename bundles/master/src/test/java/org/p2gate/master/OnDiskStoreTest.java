package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.store.MvStoreMasterStore;
import org.p2gate.mbus.security.KeyWrap;

/**
 * The master on the on-disk store (H2 MVStore): what a day of reads and a key transfer leave behind
 * is there, exactly, after the store is closed and opened again (as after a restart).
 */
class OnDiskStoreTest {

    @Test
    void aDayOfReadsAndAKeyTransferSurviveClosingAndReopeningTheStore(@TempDir Path folder) throws Exception {
        long lastCounter;
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder); Bench b = new Bench(MasterSettings.defaults(), store)) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            CommandResult transfer = b.await(b.master.transferKey(Bench.CH1, KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY),
                    Bench.USER_KEY));
            assertTrue(transfer.done(), transfer.toString());
            b.master.start();
            b.time.advance(Duration.ofHours(24));
            lastCounter = store.channel(Bench.CH1).lastValidatedFrameCounter().orElseThrow();
        }

        try (MvStoreMasterStore reopened = MvStoreMasterStore.open(folder)) {
            Instant day = Instant.parse("2026-11-21T00:00:00Z");
            // the read at start stored 23:00 of the day before (HourlyReadingTest#startReadsEveryBoundWiredChannelAtOnce)
            List<HourlyValue> values = reopened.hourlyValues(Bench.CH1, day, day.plus(Duration.ofDays(2)));
            assertEquals(24, values.size(), "one value per whole hour");
            for (int h = 0; h < 24; h++) {
                assertEquals(day.plus(Duration.ofHours(h)), values.get(h).captureTime());
                assertEquals(new BigDecimal(BigInteger.valueOf(1_125 + 250L * h), 3), values.get(h).value());
            }
            ChannelState state = reopened.channel(Bench.CH1);
            assertEquals(Optional.of(new Binding.Wired(5)), state.binding());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, state.keyStatus(), "the reads were in mode 15");
            assertEquals(lastCounter, state.lastValidatedFrameCounter().orElseThrow());
            assertEquals(Bench.USER_KEY, reopened.keys(Bench.CH1).userKey().orElseThrow(), "the user key, decrypted from the store");
            assertTrue(reopened.events(100).stream().anyMatch(e -> e.code() == 105), "new device discovered, channel 1");
        }
    }
}
