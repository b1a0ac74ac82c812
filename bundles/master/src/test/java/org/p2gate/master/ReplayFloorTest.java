package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.store.MvStoreMasterStore;
import org.p2gate.master.validation.RejectionReason;

/**
 * Issue 15 item 11, P2 4.2.2 §5.2: the frame counter "is never reset", and a replay is tolerated only "directly after
 * the Gas meter is installed". The last validated counter and hourly time stamp of a device outlive its unbinding:
 * when the same device is bound again (on any channel, after a restart too), an answer recorded before is a replay.
 */
class ReplayFloorTest {

    @Test
    void p2_5_2_theFrameCounterFloorOfADeviceOutlivesItsUnbindingAndARestart(@TempDir Path folder) throws Exception {
        TamperingDevice device;
        try (MvStoreMasterStore disk = MvStoreMasterStore.open(folder); Bench b = new Bench(MasterSettings.defaults(), disk)) {
            device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, device);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.time.advance(Duration.ofHours(1));
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertTrue(b.await(b.master.unbind(Bench.CH1)).done());
        }
        try (MvStoreMasterStore disk = MvStoreMasterStore.open(folder); Bench b = new Bench(MasterSettings.defaults(), disk)) {
            // the same meter comes back, on another channel, after a restart; an attacker replays its first answer
            b.userKey(Bench.CH2, Bench.USER_KEY);
            device.replay(0);
            b.bind(Bench.CH2, device);
            CommandResult replayed = b.await(b.master.read(Bench.CH2));
            assertEquals(Outcome.REJECTED, replayed.outcome(), replayed.toString());
            assertEquals(Map.of(RejectionReason.OLD_FRAME_COUNTER, 1L), b.master.rejections(Bench.CH2));
            assertTrue(b.store.channel(Bench.CH2).lastHourlyValue().isEmpty());
            assertTrue(b.store.hourlyValues(Bench.CH2, Instant.EPOCH, Instant.MAX).isEmpty(), "nothing taken from a replay");

            device.tamper(frame -> frame); // the meter itself, its counter on from where it was
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH2)).outcome());
        }
    }

    @Test
    void p2_5_2_anUnencryptedDeviceBoundAgainDoesNotTakeAnHourlyValueOlderThanItsLast() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            b.bind(Bench.CH1, device);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.time.advance(Duration.ofHours(1));
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            HourlyValue last = b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow();
            assertTrue(b.await(b.master.unbind(Bench.CH1)).done());

            device.replay(0); // the answer of an hour before
            assertTrue(b.await(b.master.bind(Bench.CH1, new Binding.Wired(5))).done());
            b.await(b.master.read(Bench.CH1));
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isEmpty(), "the old hour is not the newest value");
            assertEquals(List.of(last.captureTime().minus(Duration.ofHours(1)), last.captureTime()),
                    b.store.hourlyValues(Bench.CH1, Instant.EPOCH, Instant.MAX).stream().map(HourlyValue::captureTime).toList(),
                    "the profile has no second entry of the older hour");
        }
    }
}
