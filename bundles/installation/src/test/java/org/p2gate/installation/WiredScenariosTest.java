package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.installation.Rig.CH1;
import static org.p2gate.installation.Rig.CH2;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.ChannelState;
import org.p2gate.master.CommandResult;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;

/**
 * The wired scenarios of P2 4.2.2 section 8 in virtual time: the messages exchanged on the bus in order (the silent
 * probes of empty addresses left out) and the final channel state.
 */
class WiredScenariosTest {

    /** The task chain on a device at {@code a} without user key: capture definition, readout list, restore, clock. */
    private static List<String> tasks(int a) {
        return List.of("REQ_UD2 " + a + " -> RSP_UD " + a + " CI 72", // capture definition: the device type
                "SND_UD " + a + " CI 5A -> E5", // P2 §6.3.1: readout list changed to versions and configuration
                "REQ_UD2 " + a + " -> RSP_UD " + a + " CI 72", // ... and read
                "SND_NKE " + a + " -> E5", // P2 §6.3.2: default readout list restored
                "SND_UD " + a + " CI 6C -> E5"); // P2 §6.2.1: clock set
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** P2 §8.3.1, Figure 6: the installer removes the cover; the unencrypted gas meter at address 0 is installed. */
    @Test
    void coverRemovalInstallsAnUnencryptedMeterAtAddressZeroOnTheLowestFreeAddress() {
        Rig rig = new Rig();
        DsmrMeter meter = rig.gas(31000001, 0);

        EventResult on = rig.await(rig.installation.coverRemoved());
        assertTrue(on.accepted(), on.toString());
        assertEquals(ModeState.INSTALLATION, rig.installation.status().mode());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        assertEquals(concat(List.of(
                "SND_NKE 0 -> E5", "REQ_UD2 0 -> RSP_UD 0 CI 72", // found at address 0 (EN 13757-3 §11.5 probe)
                "SND_UD 0 CI 51 set address 1 -> E5"), // P2 §6.2.2: the lowest free address
                tasks(1)), rig.wire.answered());
        assertEquals(1, meter.primaryAddress());
        ChannelState state = rig.master.channel(CH1);
        assertEquals(Optional.of(new Binding.Wired(1)), state.binding());
        assertEquals(Optional.of(Rig.gasId(31000001)), state.device());
        assertFalse(state.versionProperties().isEmpty(), "versions read through the readout list");
        assertTrue(state.configurationMask().isPresent(), "configuration read");
        assertTrue(meter.readoutSelection().isEmpty(), "the default readout list is restored");
        assertEquals(DeviceMode.CUSTOMER, rig.progress(CH1).orElseThrow().mode());
        assertEquals(List.of(105, 104), rig.codes(), "new M-Bus device discovered, then clock adjusted");

        // one device of four: the mode goes on until the cover is replaced; then the bus is quiet
        assertEquals(ModeState.INSTALLATION, rig.installation.status().mode());
        assertTrue(rig.await(rig.installation.coverReplaced()).accepted());
        rig.time.advance(Duration.ofSeconds(5));
        int sent = rig.wire.size();
        rig.time.advance(Duration.ofMinutes(3));
        assertEquals(sent, rig.wire.size(), "no scan after the cover is replaced");
        assertEquals(ModeState.NORMAL, rig.installation.status().mode());
    }

    /** P2 §8.3.1.1, Figure 8: the head-end writes primary_address 17 of a free channel; no scan, the tasks follow. */
    @Test
    void remoteBindingByPrimaryAddressBindsThePreconfiguredMeterAndRunsTheTasks() {
        Rig rig = new Rig();
        DsmrMeter meter = rig.gas(31000017, 17);

        CommandResult bound = rig.await(rig.installation.bindWired(CH1, 17));
        assertTrue(bound.done(), bound.toString());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        assertEquals(tasks(17), rig.wire.answered());
        assertEquals(0, rig.wire.count("SND_NKE 0"), "binding by attributes does not scan");
        assertEquals(17, meter.primaryAddress());
        ChannelState state = rig.master.channel(CH1);
        assertEquals(Optional.of(new Binding.Wired(17)), state.binding());
        assertEquals(Optional.of(Rig.gasId(31000017)), state.device());
        assertEquals(DeviceMode.CUSTOMER, rig.progress(CH1).orElseThrow().mode());
        assertEquals(List.of(105, 104), rig.codes(), "P2 §8.3.1.1 post-condition: 'M-Bus device detected' logged");
        assertEquals(ModeState.NORMAL, rig.installation.status().mode());
    }

    /**
     * P2 §8.3.1.2, Figure 10: slave_install on channel 1 finds the unconfigured meter at 0 (address 0 first), gives it
     * address 1; slave_install on channel 2 finds the meter preconfigured at 17 among the unused addresses.
     */
    @Test
    void slaveInstallGivesTheMeterAtZeroTheLowestFreeAddressThenFindsThePreconfiguredOneAt17() {
        Rig rig = new Rig();
        DsmrMeter unconfigured = rig.gas(31000001, 0);
        DsmrMeter preconfigured = rig.gas(31000017, 17);

        CommandResult first = rig.await(rig.installation.slaveInstall(CH1));
        assertTrue(first.done(), first.toString());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));
        CommandResult second = rig.await(rig.installation.slaveInstall(CH2));
        assertTrue(second.done(), second.toString());
        rig.until(() -> rig.at(CH2, TaskStep.DONE));

        assertEquals(concat(concat(List.of(
                "SND_NKE 0 -> E5", "REQ_UD2 0 -> RSP_UD 0 CI 72",
                "SND_UD 0 CI 51 set address 1 -> E5"), tasks(1)), concat(List.of(
                "SND_NKE 17 -> E5", "REQ_UD2 17 -> RSP_UD 17 CI 72"), tasks(17))), rig.wire.answered());
        assertEquals(1, unconfigured.primaryAddress());
        assertEquals(17, preconfigured.primaryAddress());
        assertEquals(Optional.of(new Binding.Wired(1)), rig.master.channel(CH1).binding());
        assertEquals(Optional.of(new Binding.Wired(17)), rig.master.channel(CH2).binding());
        assertEquals(Optional.of(Rig.gasId(31000017)), rig.master.channel(CH2).device());
        assertEquals(List.of(105, 104, 115, 114), rig.codes());
        // P2 §8.3.1.2: "in one scan-cycle and not during 1 hour"
        assertEquals(ModeState.NORMAL, rig.installation.status().mode());
        int sent = rig.wire.size();
        rig.time.advance(Duration.ofMinutes(2));
        assertEquals(sent, rig.wire.size(), "slave_install scans once, not continuously");
        assertTrue(rig.wire.count("SND_NKE 16") == 1, "each unused address probed once in the cycle");
    }

    /**
     * The M-Bus device exchanged (P2 §8.3.1.2 trigger "Exchange Measuring equipment"): the installed meter is taken
     * off the bus and the channel deinstalled; the new, unconfigured meter is installed on it with slave_install and
     * takes the freed address.
     */
    @Test
    void anExchangedMeterIsDeinstalledAndItsReplacementInstalledOnTheSameChannel() {
        Rig rig = new Rig();
        DsmrMeter old = rig.gas(31000001, 0);
        assertTrue(rig.await(rig.installation.slaveInstall(CH1)).done());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));
        assertEquals(1, old.primaryAddress());

        rig.bus.detach(old);
        assertTrue(rig.await(rig.installation.slaveDeinstall(CH1)).done());
        assertEquals(Optional.empty(), rig.master.channel(CH1).binding(), "deinstalled: the channel is free");
        DsmrMeter replacement = rig.gas(31000002, 0);
        int before = rig.wire.answered().size();
        assertTrue(rig.await(rig.installation.slaveInstall(CH1)).done());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        assertEquals(concat(List.of("SND_NKE 0 -> E5", "REQ_UD2 0 -> RSP_UD 0 CI 72", "SND_UD 0 CI 51 set address 1 -> E5"),
                tasks(1)), rig.wire.answered().subList(before, rig.wire.answered().size()));
        assertEquals(1, replacement.primaryAddress(), "the freed address");
        assertEquals(Optional.of(Rig.gasId(31000002)), rig.master.channel(CH1).device(), "the new meter's Short ID");
        assertEquals(List.of(105, 104, 105, 104), rig.codes(), "new M-Bus device discovered again, clock set again");
    }

    /**
     * P2 §8.3.1.2 precondition "preconfigured ... encrypted" (an E-meter replaced): the meter at 9 answers in mode 15
     * with a key the new E-meter lacks; the tasks wait for the head-end's keys (§8.3.1.1 assumption), then go on
     * encrypted.
     */
    @Test
    void anEncryptedPreconfiguredMeterOnAReplacedEmeterWaitsForTheHeadEndKeysThenCompletes() {
        Rig rig = new Rig();
        DsmrMeter meter = rig.attach(Rig.builder(31000009, 9).userKey(Rig.USER_KEY).build());

        CommandResult installed = rig.await(rig.installation.slaveInstall(CH1));
        assertTrue(installed.done(), installed.toString());
        rig.until(() -> rig.at(CH1, TaskStep.WAITING_FOR_KEYS));
        assertEquals(List.of("SND_NKE 9 -> E5", "REQ_UD2 9 -> RSP_UD 9 CI 72", "REQ_UD2 9 -> RSP_UD 9 CI 72"),
                rig.wire.answered(), "found, then the capture definition's read is rejected: no key");

        // the head-end: the new user key in plain, then key_data (the key wrapped with the default key)
        assertTrue(rig.await(rig.installation.setEncryptionKey(CH1, Rig.NEW_USER_KEY)).done());
        assertTrue(rig.at(CH1, TaskStep.WAITING_FOR_KEYS), "half of the keys: still waiting");
        CommandResult transferred = rig.await(rig.installation.transferKey(CH1, KeyWrap.wrap(Rig.DEFAULT_KEY,
                Rig.NEW_USER_KEY)));
        assertTrue(transferred.done(), transferred.toString());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        List<String> all = rig.wire.answered();
        // the master reads once before it replaces a pending key (P2Master.transferKey), then sends key_data (§6.5.1)
        assertEquals(concat(List.of("REQ_UD2 9 -> RSP_UD 9 CI 72", "SND_UD 9 CI 51 -> E5"), tasks(9)),
                all.subList(3, all.size()),
                "P2 §8.1: the key first, then capture definition, readout list, clock");
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, rig.master.channel(CH1).keyStatus());
        assertTrue(meter.hasUserKey());
        assertFalse(rig.master.channel(CH1).versionProperties().isEmpty());
        assertEquals(List.of(105, 104), rig.codes());
    }

    /**
     * Issue 15 item 2, P2 §8.3.1.1 (and §8.4.2.4): "After transferring the keys by the CS, the E-meter shall
     * autonomically set the capture definition, change and get the read-out list and set the clock." The meter was
     * installed unencrypted (no key known: README "Installation"); the head-end's keys come later, and the tasks run
     * again, encrypted (mode 15 SND_UD, accepted by a meter that now refuses unencrypted commands).
     */
    @Test
    void p2_8_3_1_1_keysTransferredAfterAnUnencryptedInstallationRerunTheTasksEncrypted() {
        Rig rig = new Rig();
        DsmrMeter meter = rig.gas(31000017, 17);
        assertTrue(rig.await(rig.installation.bindWired(CH1, 17)).done());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));
        assertEquals(tasks(17), rig.wire.answered(), "installed unencrypted");
        int before = rig.wire.answered().size();

        assertTrue(rig.await(rig.installation.setEncryptionKey(CH1, Rig.NEW_USER_KEY)).done());
        CommandResult transferred = rig.await(rig.installation.transferKey(CH1, KeyWrap.wrap(Rig.DEFAULT_KEY,
                Rig.NEW_USER_KEY)));
        assertTrue(transferred.done(), transferred.toString());
        rig.until(() -> rig.wire.answered().size() >= before + 2 + tasks(17).size() && rig.at(CH1, TaskStep.DONE));

        List<String> after = rig.wire.answered().subList(before, rig.wire.answered().size());
        // the master reads once before it replaces a pending key (P2Master.transferKey), then sends key_data (§6.5.1)
        assertEquals(concat(List.of("REQ_UD2 17 -> RSP_UD 17 CI 72", "SND_UD 17 CI 51 -> E5"), tasks(17)), after,
                "the key, then capture definition, readout list (changed, read, restored) and clock again");
        assertTrue(meter.hasUserKey());
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, rig.master.channel(CH1).keyStatus(),
                "the capture definition's read and the readout list's answer came in mode 15 with the new key");
        assertTrue(meter.readoutSelection().isEmpty(), "the default readout list is restored");
        assertEquals(List.of(105, 104, 104), rig.codes(), "the clock was set twice: at the installation and after the keys");
    }
}
