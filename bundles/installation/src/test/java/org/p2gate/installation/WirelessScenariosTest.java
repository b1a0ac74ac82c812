package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.ChannelState;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.master.MBusEventKind;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.wireless.InstallationCandidate;

/**
 * The wireless scenarios of P2 4.2.2 §8.4.2 in virtual time, each asserting the messages on the air in order and the
 * final channel state: local binding with manual selection (§8.4.2.2), remote binding by the central system
 * (§8.4.2.3), and the E-meter replaced (§8.4.2.4).
 */
class WirelessScenariosTest {

    private static final int SND_IR = 0x46;
    private static final int CNF_IR = 0x06;
    private static final int SND_NR = 0x44;
    private static final int REQ_UD2 = 0x5B;
    private static final int SND_UD = 0x53;
    private static final int SND_NKE = 0x40;

    /** Whether {@code expected} occurs in {@code actual} in this order (other frames between them allowed). */
    private static boolean inOrder(List<Integer> actual, List<Integer> expected) {
        int next = 0;
        for (int c : actual) {
            if (next < expected.size() && c == expected.get(next)) {
                next++;
            }
        }
        return next == expected.size();
    }

    private static void assertInstalled(WirelessRig rig, WirelessRig.EMeter e) {
        ChannelState state = e.master.channel(Rig.CH1);
        assertEquals(Optional.of(new Binding.Wireless(WirelessRig.GAS)), state.binding());
        assertEquals(Optional.of(WirelessRig.GAS), state.device(), "read in an access cycle");
        assertFalse(state.versionProperties().isEmpty(), "versions read through the readout list");
        assertEquals(TaskStep.DONE, e.installation.status().channels().stream()
                .filter(p -> p.channel().equals(Rig.CH1)).findFirst().orElseThrow().step());
        assertTrue(rig.events().stream().anyMatch(ev -> ev.kind() == MBusEventKind.CLOCK_ADJUSTED), "clock set");
    }

    @Test
    void localBindingWithManualSelection() {
        // §8.4.2.2: the installer presses the meter's button and removes the E-meter's M-Bus cover
        WirelessRig rig = new WirelessRig();
        WirelessRig.EMeter e = rig.emeter;
        rig.meter.startInstallation();
        assertTrue(rig.await(e.installation.coverRemoved()).accepted());
        rig.advance(Duration.ofMinutes(2).plusSeconds(30));

        // step 5 i: the display lists the devices heard, the last 7 digits
        List<InstallationCandidate> shown = e.installation.status().candidates();
        assertEquals(List.of("3456789"), shown.stream().map(InstallationCandidate::display).toList());
        assertEquals(List.of(), e.sent(), "no CNF_IR before the selection");

        // step 5 ii, iii: the button writes its Short ID into a channel; step 6: CNF_IR at its next SND_IR
        var selected = e.installation.select("3456789");
        rig.advance(Duration.ofMinutes(2));
        assertTrue(selected.join().accepted(), selected.join().toString());
        assertTrue(rig.meter.isBound());
        assertTrue(rig.await(e.installation.coverReplaced()).accepted(), "step 7: the cover goes back");

        // step 8-11: hourly SND_NR; the task chain reads it, its configuration and versions, sets its clock
        rig.advance(Duration.ofHours(4));
        assertTrue(inOrder(rig.air(), List.of(SND_IR, CNF_IR, SND_NR, REQ_UD2, SND_NKE, SND_NR, SND_UD, SND_NKE)),
                rig.air().toString());
        assertEquals(CNF_IR, e.sent().get(0), "the E-meter's first frame is the CNF_IR");
        assertInstalled(rig, e);
    }

    @Test
    void remoteBindingByTheCentralSystem() {
        // §8.4.2.3: the installer presses the button; the CS writes the Short ID (class 72 attributes 6..9)
        WirelessRig rig = new WirelessRig();
        WirelessRig.EMeter e = rig.emeter;
        rig.meter.startInstallation();
        rig.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), e.sent(), "nothing is answered before the Short ID is written");

        assertTrue(rig.await(e.installation.registerWireless(Rig.CH1, WirelessRig.GAS)).done());
        rig.advance(Duration.ofMinutes(2));
        assertTrue(rig.meter.isBound(), "step 6: CNF_IR at its next SND_IR");
        assertEquals(ModeState.NORMAL, e.installation.status().mode(), "no installation mode on the E-meter");

        rig.advance(Duration.ofHours(4));
        assertTrue(inOrder(rig.air(), List.of(SND_IR, CNF_IR, SND_NR, REQ_UD2)), rig.air().toString());
        assertInstalled(rig, e);
    }

    @Test
    void eMeterReplacedTheMeterIsBoundAndReKeyedRemotely() {
        // the meter was installed and keyed by the first E-meter
        WirelessRig rig = new WirelessRig();
        WirelessRig.EMeter old = rig.emeter;
        rig.meter.startInstallation();
        rig.await(old.installation.registerWireless(Rig.CH1, WirelessRig.GAS));
        rig.advance(Duration.ofMinutes(2));
        old.installation.setEncryptionKey(Rig.CH1, Rig.USER_KEY);
        old.installation.transferKey(Rig.CH1, KeyWrap.wrap(Rig.DEFAULT_KEY, Rig.USER_KEY));
        rig.advance(Duration.ofHours(3));
        assertTrue(rig.meter.usesUserKey(Rig.USER_KEY));

        // §8.4.2.4: the E-meter is exchanged; the meter goes on sending SND_NR in mode 15 with a key the new one lacks
        WirelessRig.EMeter e = rig.replaceEmeter();
        assertTrue(rig.await(e.installation.registerWireless(Rig.CH1, WirelessRig.GAS)).done());
        rig.advance(Duration.ofHours(2));
        assertTrue(e.master.channel(Rig.CH1).device().isEmpty(), "nothing read: the key is unknown");

        // the CS transfers a new key and gives it to the E-meter; the tasks follow
        e.installation.transferKey(Rig.CH1, KeyWrap.wrap(Rig.DEFAULT_KEY, Rig.NEW_USER_KEY));
        e.installation.setEncryptionKey(Rig.CH1, Rig.NEW_USER_KEY);
        rig.advance(Duration.ofHours(5));

        assertTrue(rig.meter.usesUserKey(Rig.NEW_USER_KEY));
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, e.master.channel(Rig.CH1).keyStatus());
        // the first cycle (opened for the key transfer) carries the queued read and the key; later cycles the other tasks
        assertTrue(inOrder(e.sent(), List.of(REQ_UD2, SND_UD, SND_NKE, SND_UD, SND_NKE)), e.sent().toString());
        assertInstalled(rig, e);
    }
}
