package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Fault;

/** P2 4.2.2 §6.2 (clock, address, status), §6.3 (readout list), §6.4.2 (versions). */
class CommandsTest {

    private static Duration offset(Bench b, DsmrMeter meter) {
        return Duration.between(LocalDateTime.ofInstant(b.time.now(), ZoneOffset.UTC), meter.clock(b.time.now())).abs();
    }

    @Test
    void clockSynchronisationSetsTheMetersClockAndItsDeviationBitAboveSixtySeconds() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).clockOffset(Duration.ofMinutes(-5)).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);

            CommandResult result = b.await(b.master.synchroniseClock(Bench.CH1));

            assertEquals(Outcome.DONE, result.outcome(), result.toString());
            assertTrue(result.detail().contains("mode 15"), "encrypted: the channel has a user key (§6.2.1)");
            assertTrue(offset(b, meter).compareTo(Duration.ofSeconds(1)) <= 0, "set to the master's UTC: " + offset(b, meter));
            assertEquals(DsmrMeter.STATUS_CLOCK_ERROR, meter.status() & DsmrMeter.STATUS_CLOCK_ERROR,
                    "5 minutes off: clock synchronisation error (§6.2.1, §6.2.3 bit 5)");
            assertEquals(List.of(105, 104), b.sink.codes(), "clock adjusted, channel 1");
            ChannelState state = b.store.channel(Bench.CH1);
            assertEquals(state.lastSentFrameCounter(), state.lastValidatedFrameCounter());
        }
    }

    @Test
    void clockSynchronisationWithinSixtySecondsLeavesTheDeviationBitClearAndIsUnencryptedWithoutUserKey() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).clockOffset(Duration.ofSeconds(30)).build();
            b.bind(Bench.CH1, meter);

            CommandResult result = b.await(b.master.synchroniseClock(Bench.CH1));

            assertEquals(Outcome.DONE, result.outcome(), result.toString());
            assertTrue(result.detail().contains("unencrypted"));
            assertTrue(offset(b, meter).compareTo(Duration.ofSeconds(1)) <= 0);
            assertEquals(0, meter.status() & DsmrMeter.STATUS_CLOCK_ERROR);
        }
    }

    @Test
    void readingTheVersionsChangesTheReadoutListAndSndNkeRestoresIt() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);

            CommandResult result = b.await(b.master.readVersions(Bench.CH1));

            assertEquals(Outcome.DONE, result.outcome(), result.toString());
            assertEquals(4, result.records().size(), "FD 0C, 0D, 0E, 0F");
            Map<String, String> versions = b.store.channel(Bench.CH1).versionProperties();
            assertEquals("4.2.2", versions.get("model.dsmr"));
            assertEquals("PCB1.0", versions.get("hardware.met"));
            assertEquals("p2gate simulator", versions.get("hardware.com"));
            assertEquals("FW1.0", versions.get("metrology-firmware.met"));
            assertEquals("1", versions.get("firmware.cfg"));
            assertEquals(List.of(), meter.readoutSelection(), "SND_NKE restored the default list (§6.3.2)");
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isPresent(), "the default list again");
        }
    }

    /** P2 §6.3.1: "a maximum of 2 retries": the first change is lost, a retry with a fresh counter works. */
    @Test
    void aLostReadoutListChangeIsRetried() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome()); // counter known
            b.bus.injectFault(meter, new Fault.NoAnswer(), 1);

            CommandResult result = b.await(b.master.readVersions(Bench.CH1));

            assertEquals(Outcome.DONE, result.outcome(), result.toString());
            assertEquals("4.2.2", b.store.channel(Bench.CH1).versionProperties().get("model.dsmr"));
            assertEquals(List.of(), meter.readoutSelection());
        }
    }

    @Test
    void clearStatusClearsTheNonPermanentBitsOnly() throws Exception {
        try (Bench b = new Bench(MasterSettings.defaults().withClearStatusAutomatically(false))) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);
            meter.raiseStatus(DsmrMeter.STATUS_FRAUD | DsmrMeter.STATUS_TEMPORARY_ERROR | DsmrMeter.STATUS_POWER_LOW);
            b.await(b.master.read(Bench.CH1));
            assertEquals(0x54, b.store.channel(Bench.CH1).status());

            assertEquals(Outcome.DONE, b.await(b.master.clearStatus(Bench.CH1)).outcome());

            assertEquals(DsmrMeter.STATUS_POWER_LOW, meter.status(), "mask 73h: power low stays (§6.2.3)");
            assertEquals(DsmrMeter.STATUS_POWER_LOW, b.store.channel(Bench.CH1).status());
        }
    }

    @Test
    void setPrimaryAddressMovesTheDeviceAndTheBindingWhileNoUserKey() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);

            assertEquals(Outcome.DONE, b.await(b.master.setPrimaryAddress(Bench.CH1, 9)).outcome());

            assertEquals(9, meter.primaryAddress());
            assertEquals(Optional.of(new Binding.Wired(9)), b.store.channel(Bench.CH1).binding());
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
        }
    }

    @Test
    void setPrimaryAddressIsRefusedOnceAUserKeyIsSet() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);
            long heard = b.bus.requestsHeard();

            CommandResult result = b.await(b.master.setPrimaryAddress(Bench.CH1, 9));

            assertEquals(Outcome.REFUSED, result.outcome());
            assertTrue(result.detail().contains("§6.2.2"), result.detail());
            assertEquals(heard, b.bus.requestsHeard(), "nothing sent");
            assertEquals(5, meter.primaryAddress());
        }
    }

    @Test
    void commandsOnAFreeChannelAreRefused() throws Exception {
        try (Bench b = new Bench()) {
            assertEquals(Outcome.REFUSED, b.await(b.master.read(Bench.CH2)).outcome());
            assertEquals(Outcome.REFUSED, b.await(b.master.synchroniseClock(Bench.CH2)).outcome());
        }
    }
}
