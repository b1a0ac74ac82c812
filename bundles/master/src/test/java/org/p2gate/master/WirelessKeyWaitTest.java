package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;

/**
 * Issue 15 items 1 and 7, with a meter as P2 §8.4.2.2's main case describes it: delivered with a user key the E-meter
 * lacks. What it sends cannot be read: the device is waiting for its key, not silent; a read of it is not done.
 */
class WirelessKeyWaitTest {

    private static WirelessBench keyedMeterBound() {
        WirelessBench b = new WirelessBench(21, 0);
        b.meter.deliveredWithUserKey(WirelessBench.USER_KEY);
        b.install();
        assertTrue(b.meter.isBound(), "CNF_IR: the SND_IR needs no key");
        return b;
    }

    @Test
    void p2_8_4_2_2_aMeterDeliveredWithAUserKeyTheEmeterLacksIsWaitingForTheKeyNotSilent() {
        WirelessBench b = keyedMeterBound();
        b.advance(Duration.ofHours(5)); // five hourly SND_NR, none readable

        assertTrue(b.meter.meterDataSent() >= 4);
        assertFalse(b.sink.kinds(WirelessBench.CH1).contains(MBusEventKind.COMMUNICATION_ERROR),
                "no event 100 while it transmits: " + b.sink.kinds(WirelessBench.CH1));
        assertTrue(b.master.waitingForKeySince(WirelessBench.CH1).isPresent(), "waiting for the key");
        // class 72 encryption_key_status: the E-meter has no key for it
        assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY, b.store.channel(WirelessBench.CH1).keyStatus());
        assertTrue(b.meter.accessCyclesStarted() <= 1, "no access cycle while its answers cannot be read (at most the one"
                + " armed before the E-meter knew): " + b.meter.accessCyclesStarted());
    }

    @Test
    void p2_8_4_2_2_whenTheKeyComesTheMeterIsReadAndNoLongerWaiting() {
        WirelessBench b = keyedMeterBound();
        b.advance(Duration.ofHours(2));
        b.master.setEncryptionKey(WirelessBench.CH1, WirelessBench.USER_KEY);
        b.advance(Duration.ofHours(1));

        assertTrue(b.master.waitingForKeySince(WirelessBench.CH1).isEmpty());
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(WirelessBench.CH1).keyStatus(),
                "the SND_NR validated with the key");
        assertFalse(b.store.hourlyValues(WirelessBench.CH1, Instant.EPOCH, b.time.now()).isEmpty());
        CompletableFuture<CommandResult> read = b.master.read(WirelessBench.CH1);
        b.advance(Duration.ofHours(1));
        assertEquals(Outcome.DONE, read.join().outcome(), read.join().toString());
    }

    @Test
    void p2_8_4_2_2_aKeyThatNeverComesTimesOutAsACommunicationErrorNamingIt() {
        WirelessBench b = keyedMeterBound();
        b.advance(WirelessChannels.KEY_WAIT_LIMIT.plusHours(2));
        List<MBusEventKind> kinds = b.sink.kinds(WirelessBench.CH1);
        assertEquals(1, kinds.stream().filter(k -> k == MBusEventKind.COMMUNICATION_ERROR).count(), kinds.toString());
    }

    @Test
    void issue15item7_aWirelessReadWhoseAnswerIsRejectedIsNotDoneAndSaysWhy() {
        WirelessBench b = keyedMeterBound();
        CompletableFuture<CommandResult> read = b.master.read(WirelessBench.CH1);
        b.advance(Duration.ofHours(1).plusMinutes(15));

        CommandResult r = read.join();
        assertEquals(Outcome.REJECTED, r.outcome(), "done means accepted and stored: " + r);
        assertTrue(r.detail().contains("NO_USER_KEY"), "the reason: " + r.detail());
        assertTrue(b.store.hourlyValues(WirelessBench.CH1, Instant.EPOCH, b.time.now()).isEmpty(), "nothing stored");
    }
}
