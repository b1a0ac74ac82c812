package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.installation.Rig.CH1;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.CommandResult;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.InstallationCandidate;
import org.p2gate.simulator.wired.DsmrMeter;

/** The installation-mode state machine (P2 4.2.2 §8.1, §8.3.1): its table, its exits, and the events it rejects. */
class ModeStateMachineTest {

    private static InstallationCandidate candidate(long identification, Instant at) {
        return new InstallationCandidate(ShortId.of(identification, ManufacturerCode.of("ELS"), 0x42, DeviceType.GAS),
                Optional.empty(), -70, at, at, 1);
    }

    @Test
    void theTableHasExactlyOneRowForEveryStateAndEvent() {
        for (ModeState state : ModeState.values()) {
            for (ModeEvent event : ModeEvent.values()) {
                long rows = ModeTransitions.TABLE.stream().filter(r -> r.from() == state && r.event() == event).count();
                assertEquals(1, rows, state + " / " + event);
            }
        }
        assertEquals(ModeState.values().length * ModeEvent.values().length, ModeTransitions.TABLE.size());
    }

    @Test
    void selectWhileNotInInstallationModeIsRejectedWithTheReason() {
        Rig rig = new Rig();
        rig.candidates.heard(candidate(12345678, Rig.START));

        EventResult r = rig.await(rig.installation.select("2345678"));

        assertFalse(r.accepted());
        assertTrue(r.detail().contains("not in installation mode"), r.detail());
        assertEquals(Optional.empty(), rig.master.channel(CH1).binding(), "nothing registered");
        assertEquals(1L, rig.installation.rejections().get(ModeEvent.SELECT));
        assertEquals(1L, rig.installation.status().rejected());
    }

    @Test
    void coverReplacedWhileNotInInstallationModeIsRejected() {
        Rig rig = new Rig();
        EventResult r = rig.await(rig.installation.coverReplaced());
        assertFalse(r.accepted());
        assertEquals(ModeState.NORMAL, r.after());
        assertTrue(r.detail().contains("nothing to stop"), r.detail());
    }

    @Test
    void coverRemovedTwiceIsRejectedTheSecondTimeAndTheWindowIsNotExtended() {
        Rig rig = new Rig();
        assertTrue(rig.await(rig.installation.coverRemoved()).accepted());
        Instant end = rig.installation.status().endsAt().orElseThrow();
        rig.time.advance(Duration.ofMinutes(5));

        EventResult again = rig.await(rig.installation.coverRemoved());

        assertFalse(again.accepted());
        assertTrue(again.detail().contains("already in installation mode"), again.detail());
        assertEquals(Optional.of(end), rig.installation.status().endsAt());
    }

    @Test
    void installationModeEndsOneHourAfterTheTriggerAndTheBusGoesQuiet() {
        Rig rig = new Rig();
        assertTrue(rig.await(rig.installation.coverRemoved()).accepted());

        rig.time.advance(Duration.ofMinutes(59));
        assertEquals(ModeState.INSTALLATION, rig.installation.status().mode());
        long probesOfZero = rig.wire.count("SND_NKE 0");
        assertTrue(probesOfZero > 1000, "address 0 scanned continuously: " + probesOfZero);
        rig.time.advance(Duration.ofMinutes(1).plusSeconds(5));

        assertEquals(ModeState.NORMAL, rig.installation.status().mode());
        int sent = rig.wire.size();
        rig.time.advance(Duration.ofMinutes(2));
        assertEquals(sent, rig.wire.size(), "the scan ended with the mode");
    }

    @Test
    void unusedAddressesAreScannedOncePerMinuteAndAMeterConnectedLaterIsRegistered() {
        Rig rig = new Rig();
        assertTrue(rig.await(rig.installation.coverRemoved()).accepted());
        rig.time.advance(Duration.ofMinutes(3).minusSeconds(1));
        assertEquals(3, rig.wire.count("SND_NKE 200"), "P2 §8.3.1: all unused addresses once per minute");

        DsmrMeter late = rig.gas(31000200, 200); // preconfigured, connected during installation
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        assertEquals(Optional.of(new Binding.Wired(200)), rig.master.channel(CH1).binding());
        assertEquals(200, late.primaryAddress());
        assertEquals(ModeState.INSTALLATION, rig.installation.status().mode());
    }

    @Test
    void theLowestFreeAddressSkipsAnAddressWhereAnUnregisteredDeviceAnswers() {
        Rig rig = new Rig();
        DsmrMeter atOne = rig.gas(31000001, 1);
        DsmrMeter unconfigured = rig.gas(31000002, 0);

        CommandResult r = rig.await(rig.installation.slaveInstall(CH1));

        assertTrue(r.done(), r.toString());
        assertEquals(2, unconfigured.primaryAddress(), "address 1 answers already: the next free one");
        assertEquals(1, atOne.primaryAddress());
        assertEquals(Optional.of(new Binding.Wired(2)), rig.master.channel(CH1).binding());
    }

    @Test
    void fourRegisteredDevicesEndInstallationModeAndAFifthDeviceIsRejected() {
        Rig rig = new Rig();
        for (int c = 1; c <= 3; c++) {
            assertTrue(rig.await(rig.installation.bindWired(Channel.of(c), 10 + c)).done());
        }
        assertTrue(rig.await(rig.installation.coverRemoved()).accepted());
        rig.candidates.heard(candidate(12345678, rig.time.now()));
        rig.candidates.heard(candidate(87654321, rig.time.now()));
        assertEquals(2, rig.installation.status().candidates().size(), "the display lists both");

        EventResult fourth = rig.await(rig.installation.select("2345678"));
        assertTrue(fourth.accepted(), fourth.toString());
        assertEquals(Optional.of(new Binding.Wireless(candidate(12345678, Rig.START).shortId())),
                rig.master.channel(Channel.of(4)).binding());
        assertEquals(ModeState.NORMAL, rig.installation.status().mode(), "P2 §8.3.1: four devices registered");
        assertEquals(DeviceMode.INSTALLATION, rig.progress(Channel.of(4)).orElseThrow().mode(), "until its CNF_IR");

        EventResult fifth = rig.await(rig.installation.select("7654321"));
        assertFalse(fifth.accepted());
        EventResult again = rig.await(rig.installation.coverRemoved());
        assertFalse(again.accepted());
        assertTrue(again.detail().contains("all four channels are bound"), again.detail());
        CommandResult install = rig.await(rig.installation.slaveInstall(Channel.of(4)));
        assertEquals(CommandResult.Outcome.REFUSED, install.outcome());
    }

    @Test
    void selectNamesOneListedUnregisteredCandidateOrIsRejected() {
        Rig rig = new Rig();
        assertTrue(rig.await(rig.installation.coverRemoved()).accepted());
        rig.candidates.heard(candidate(11234567, rig.time.now()));
        rig.candidates.heard(candidate(21234567, rig.time.now())); // the same last 7 digits

        EventResult ambiguous = rig.await(rig.installation.select("1234567"));
        assertFalse(ambiguous.accepted());
        assertTrue(ambiguous.detail().contains("matches 2 devices"), ambiguous.detail());
        EventResult unknown = rig.await(rig.installation.select("7777777"));
        assertFalse(unknown.accepted());
        assertTrue(unknown.detail().contains("installation list"), unknown.detail());

        EventResult chosen = rig.await(rig.installation.select("21234567"));
        assertTrue(chosen.accepted(), chosen.toString());
        assertEquals(Optional.of(new Binding.Wireless(candidate(21234567, Rig.START).shortId())),
                rig.master.channel(CH1).binding());
        assertEquals(List.of("1234567"), rig.installation.status().candidates().stream().map(InstallationCandidate::display).toList(),
                "a registered device leaves the display");
        EventResult twice = rig.await(rig.installation.select("21234567"));
        assertFalse(twice.accepted(), "registered already: not listed");
    }

    @Test
    void powerUpStartsInstallationModeOnlyWithDiscoverOnPowerOn() {
        Rig off = new Rig();
        EventResult ignored = off.await(off.installation.powerUp());
        assertTrue(ignored.accepted());
        assertEquals(ModeState.NORMAL, off.installation.status().mode());

        Rig on = new Rig(InstallationSettings.defaults().withDiscoverOnPowerOn(true));
        EventResult started = on.await(on.installation.powerUp());
        assertTrue(started.accepted());
        assertEquals(ModeState.INSTALLATION, on.installation.status().mode());
        assertEquals(Optional.of(ModeEvent.POWER_UP), on.installation.status().trigger());
        assertEquals(Optional.of(Rig.START.plus(Duration.ofHours(1))), on.installation.status().endsAt());
    }

    @Test
    void theDisplayShowsTheLastSevenDigitsOfTheMeterNumber() {
        InstallationCandidate withEquipmentId = new InstallationCandidate(candidate(12345678, Rig.START).shortId(),
                Optional.of("110987654321"), -60, Rig.START, Rig.START, 1);
        assertEquals("7654321", withEquipmentId.display());
        assertEquals("2345678", candidate(12345678, Rig.START).display());
    }

    @Test
    void slaveDeinstallFreesTheChannelAndStopsItsTasks() {
        Rig rig = new Rig();
        rig.gas(31000017, 17);
        assertTrue(rig.await(rig.installation.bindWired(CH1, 17)).done());

        CommandResult freed = rig.await(rig.installation.slaveDeinstall(CH1));

        assertTrue(freed.done(), freed.toString());
        assertEquals(Optional.empty(), rig.master.channel(CH1).binding());
        assertEquals(Optional.empty(), rig.progress(CH1));
        int sent = rig.wire.size();
        rig.time.advance(Duration.ofMinutes(5));
        assertEquals(sent, rig.wire.size(), "the cancelled task chain sends nothing more");
    }
}
