package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.wireless.InstallationCandidate;

/**
 * Issue 7 through the master: a DSMR 4.2.2 wireless gas meter on the simulated radio (T2), registered by Short ID
 * (P2 §8.4.2.1), read from its hourly SND_NR, keyed and commanded in its frequent access cycles (§4.4, §6.5.1),
 * every frame validated by the master's rules (§5.2), in virtual time.
 */
class WirelessChannelsTest {

    private static Instant hour(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    @Test
    void aMeterInInstallationModeIsListedThenRegisteredByShortIdAndConfirmedWithCnfIr() {
        WirelessBench b = new WirelessBench(1, 0);
        b.meter.startInstallation();
        b.advance(Duration.ofMinutes(3).plusSeconds(30));

        List<InstallationCandidate> candidates = b.master.installationCandidates();
        assertEquals(1, candidates.size(), "the installer's display lists it");
        assertEquals(WirelessBench.GAS, candidates.get(0).shortId());
        assertEquals(List.of(), b.fromEmeter(), "P2 §8.4.2.1: an unregistered device gets no CNF_IR");
        assertFalse(b.meter.isBound());

        CompletableFuture<CommandResult> bound = b.master.bind(WirelessBench.CH1, new Binding.Wireless(WirelessBench.GAS));
        b.advance(Duration.ofMinutes(2));

        assertTrue(bound.join().done(), bound.join().toString());
        assertTrue(b.meter.isBound(), "CNF_IR at its next SND_IR");
        assertEquals(List.of(0x06), b.fromEmeter().stream().map(WirelessBench::cField).toList(), "exactly one CNF_IR");
        assertEquals(List.of(MBusEventKind.NEW_DEVICE_DISCOVERED), b.sink.kinds(WirelessBench.CH1));
        assertTrue(b.master.installationCandidates().isEmpty());
    }

    @Test
    void afterADayTheHourlyValuesAreInTheMaster() {
        WirelessBench b = new WirelessBench(2, 0);
        b.install();

        b.advance(Duration.ofDays(1));

        List<HourlyValue> values = b.store.hourlyValues(WirelessBench.CH1, Instant.EPOCH, b.time.now());
        assertTrue(values.size() >= 23, "one per hour from the SND_NR: " + values.size());
        ChannelState state = b.store.channel(WirelessBench.CH1);
        assertEquals(Optional.of(WirelessBench.GAS), state.device());
        assertEquals(13, values.get(0).cosemUnit(), "m³");
        HourlyValue last = values.get(values.size() - 1);
        assertEquals(hour(last.captureTime()), last.captureTime(), "captured at the whole hour");
        assertEquals(Map.of(), b.master.rejections(WirelessBench.CH1), "nothing rejected");
    }

    @Test
    void aKeyTransferIsDeliveredInTheNextAccessCycleAndTheNextSndNrDecryptsWithTheNewKey() {
        WirelessBench b = new WirelessBench(3, 0);
        b.install();

        CompletableFuture<CommandResult> transfer = b.master.transferKey(WirelessBench.CH1,
                KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.USER_KEY), WirelessBench.USER_KEY);
        b.time.runDue();
        assertFalse(transfer.isDone(), "waits for the meter's next SND_NR");
        assertTrue(b.store.keys(WirelessBench.CH1).pendingUserKey().isPresent(), "committed as pending before it is sent");
        b.advance(Duration.ofMinutes(70));

        assertEquals(Outcome.DONE, transfer.join().outcome(), transfer.join().toString());
        assertTrue(b.meter.usesUserKey(WirelessBench.USER_KEY));
        // the REQ_UD2 armed behind the key transfer (P2 §5.2's read-back, had the ACK been lost) brought an RSP_UD in
        // mode 15 inside the same cycle: the key is in use at once
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(WirelessBench.CH1).keyStatus());
        assertEquals(0x40, WirelessBench.cField(b.fromEmeter().get(b.fromEmeter().size() - 1)), "the FAC ended with SND_NKE");
        assertEquals(List.of(0x06, 0x53, 0x5B, 0x40), b.fromEmeter().stream().map(WirelessBench::cField).toList(),
                "CNF_IR; in one cycle: key transfer, REQ_UD2, SND_NKE");

        b.advance(Duration.ofHours(1));

        ChannelState state = b.store.channel(WirelessBench.CH1);
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, state.keyStatus(), "the SND_NR validated in mode 15");
        assertTrue(state.lastValidatedFrameCounter().isPresent());
        assertEquals(Map.of(), b.master.rejections(WirelessBench.CH1));
    }

    @Test
    void transferKeyThenSetEncryptionKeyWorksOverTheRadioToo() {
        WirelessBench b = new WirelessBench(4, 0);
        b.install();

        b.master.transferKey(WirelessBench.CH1, KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.USER_KEY));
        b.advance(Duration.ofMinutes(70));
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED, b.store.channel(WirelessBench.CH1).keyStatus());
        b.master.setEncryptionKey(WirelessBench.CH1, WirelessBench.USER_KEY);
        b.advance(Duration.ofHours(1));

        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(WirelessBench.CH1).keyStatus());
        assertEquals(Optional.of(WirelessBench.USER_KEY), b.store.keys(WirelessBench.CH1).userKey());
    }

    @Test
    void aClockSynchronisationInModeFifteenRaisesClockAdjusted() {
        WirelessBench b = new WirelessBench(5, 0);
        b.install();
        b.master.transferKey(WirelessBench.CH1, KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.USER_KEY),
                WirelessBench.USER_KEY);
        b.advance(Duration.ofMinutes(70));

        CompletableFuture<CommandResult> sync = b.master.synchroniseClock(WirelessBench.CH1);
        b.advance(Duration.ofMinutes(70));

        assertEquals(Outcome.DONE, sync.join().outcome(), sync.join().toString());
        assertTrue(b.sink.kinds(WirelessBench.CH1).contains(MBusEventKind.CLOCK_ADJUSTED));
        b.advance(Duration.ofHours(2));
        assertEquals(Map.of(), b.master.rejections(WirelessBench.CH1), "the meter counts on from the command's counter");
    }

    @Test
    void aMeterKeyedByAReplacedEmeterIsReKeyedThroughItsAccessCycle() {
        // P2 §8.4.2.4: the meter was installed and keyed by another E-meter; the head-end registers it in a new one
        WirelessBench b = new WirelessBench(8, 0);
        b.install();
        b.master.transferKey(WirelessBench.CH1, KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.OTHER_KEY),
                WirelessBench.OTHER_KEY);
        b.advance(Duration.ofMinutes(70));
        assertTrue(b.meter.usesUserKey(WirelessBench.OTHER_KEY));
        b.master.stop(); // the old E-meter leaves the air
        b.advance(Duration.ofSeconds(1));

        MasterStore store = new org.p2gate.master.store.InMemoryMasterStore();
        P2Master replacement = b.newMaster(new org.p2gate.simulator.wireless.MediumRadio(b.medium, "new E-meter"), store,
                EventSink.NONE, 9);
        replacement.start();
        replacement.bind(WirelessBench.CH1, new Binding.Wireless(WirelessBench.GAS));
        b.advance(Duration.ofHours(2));
        assertTrue(replacement.rejections(WirelessBench.CH1).containsKey(
                org.p2gate.master.validation.RejectionReason.NO_USER_KEY), "its SND_NR cannot be read without the key");

        // the head-end: transfer_key with a new key, then set_encryption_key
        CompletableFuture<CommandResult> transfer = replacement.transferKey(WirelessBench.CH1,
                KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.USER_KEY));
        b.advance(Duration.ofMinutes(70));
        assertEquals(Outcome.DONE, transfer.join().outcome(), "delivered in the cycle of an SND_NR it could not read");
        assertTrue(b.meter.usesUserKey(WirelessBench.USER_KEY));
        replacement.setEncryptionKey(WirelessBench.CH1, WirelessBench.USER_KEY);
        b.advance(Duration.ofHours(1));

        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, store.channel(WirelessBench.CH1).keyStatus());
        assertFalse(store.hourlyValues(WirelessBench.CH1, Instant.EPOCH, b.time.now()).isEmpty(), "readings arrive again");
    }

    @Test
    void aLostAckIsRetriedInsideTheAccessCycle() {
        WirelessBench b = new WirelessBench(6, 0);
        b.install();
        b.medium.dropNext(t -> t.sender() == b.meter.station() && WirelessBench.cField(t) == 0x00);

        CompletableFuture<CommandResult> transfer = b.master.transferKey(WirelessBench.CH1,
                KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.USER_KEY), WirelessBench.USER_KEY);
        b.advance(Duration.ofMinutes(70));

        assertEquals(Outcome.DONE, transfer.join().outcome(), "delivered despite the lost ACK");
        long snNke = b.fromEmeter().stream().filter(t -> WirelessBench.cField(t) == 0x40).count();
        assertEquals(1, snNke, "one access cycle");
        assertEquals(2, b.fromEmeter().stream().filter(t -> WirelessBench.cField(t) == 0x53).count(), "sent twice");
        b.advance(Duration.ofHours(1));
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(WirelessBench.CH1).keyStatus());
    }

    @Test
    void aMeterThatIsNeverRegisteredIsNeverAnswered() {
        WirelessBench b = new WirelessBench(7, 0);
        b.meter.startInstallation();

        b.advance(Duration.ofHours(5));

        assertEquals(List.of(), b.fromEmeter());
        assertEquals(1, b.master.installationCandidates().size());
    }

    @Test
    void twentyPercentFrameLossStillConverges() {
        for (long seed = 11; seed < 14; seed++) {
            WirelessBench b = new WirelessBench(seed, 0.2);
            b.meter.startInstallation();
            b.master.bind(WirelessBench.CH1, new Binding.Wireless(WirelessBench.GAS));
            b.advance(Duration.ofMinutes(90));
            assertTrue(b.meter.isBound(), "seed " + seed + ": registered and confirmed despite 20 % loss");

            CompletableFuture<CommandResult> transfer = b.master.transferKey(WirelessBench.CH1,
                    KeyWrap.wrap(WirelessBench.DEFAULT_KEY, WirelessBench.USER_KEY), WirelessBench.USER_KEY);
            b.advance(Duration.ofHours(12));
            assertEquals(Outcome.DONE, transfer.join().outcome(), "seed " + seed + ": " + transfer.join());
            b.advance(Duration.ofHours(12));

            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(WirelessBench.CH1).keyStatus(),
                    "seed " + seed);
            List<HourlyValue> values = b.store.hourlyValues(WirelessBench.CH1, Instant.EPOCH, b.time.now());
            assertTrue(values.size() >= 15, "seed " + seed + ": most hours arrive despite 20 % loss: " + values.size());
            assertEquals(Map.of(), b.master.rejections(WirelessBench.CH1), "seed " + seed + ": lost, never rejected");
        }
    }

    @Test
    void aMeterSilentForThreeHoursGetsOneCommunicationErrorAndItsNextSndNrEndsIt() {
        WirelessBench b = new WirelessBench(11, 0);
        b.install();
        b.advance(Duration.ofHours(3));
        assertFalse(b.sink.kinds(WirelessBench.CH1).contains(MBusEventKind.COMMUNICATION_ERROR), "heard every hour");

        b.medium.defaultLoss(1.0); // the meter is out of reach
        b.advance(Duration.ofHours(2));
        assertFalse(b.sink.kinds(WirelessBench.CH1).contains(MBusEventKind.COMMUNICATION_ERROR),
                "one or two SND_NR lost to the radio are no error");
        b.advance(Duration.ofHours(4));
        assertEquals(1, count(b, MBusEventKind.COMMUNICATION_ERROR), "three missed in a row: one event, not one an hour");

        b.medium.defaultLoss(0);
        b.advance(Duration.ofMinutes(70));
        assertEquals(1, count(b, MBusEventKind.COMMUNICATION_OK), "its next SND_NR ends the error");
        List<MBusEventKind> kinds = b.sink.kinds(WirelessBench.CH1);
        assertEquals(MBusEventKind.COMMUNICATION_OK, kinds.get(kinds.size() - 1));
        assertEquals(1, count(b, MBusEventKind.COMMUNICATION_ERROR));
    }

    @Test
    void withTheSilenceLimitZeroASilentMeterRaisesNoCommunicationError() {
        WirelessBench b = new WirelessBench(12, 0, MasterSettings.defaults().withWirelessSilenceLimit(Duration.ZERO));
        b.install();
        b.medium.defaultLoss(1.0);
        b.advance(Duration.ofHours(8));

        assertFalse(b.sink.kinds(WirelessBench.CH1).contains(MBusEventKind.COMMUNICATION_ERROR));
        assertTrue(b.store.hourlyValues(WirelessBench.CH1, Instant.EPOCH, b.time.now()).size() <= 1, "nothing heard");
    }

    private static long count(WirelessBench b, MBusEventKind kind) {
        return b.sink.kinds(WirelessBench.CH1).stream().filter(kind::equals).count();
    }

    @Test
    void withoutARadioAWirelessChannelIsRegisteredButItsCommandsAreRefused() throws Exception {
        try (Bench b = new Bench()) {
            assertTrue(b.await(b.master.bind(Bench.CH2, new Binding.Wireless(WirelessBench.GAS))).done());
            CommandResult sync = b.await(b.master.synchroniseClock(Bench.CH2));
            assertEquals(Outcome.REFUSED, sync.outcome());
            assertTrue(sync.detail().contains("wireless.port"), sync.detail());
        }
    }
}
