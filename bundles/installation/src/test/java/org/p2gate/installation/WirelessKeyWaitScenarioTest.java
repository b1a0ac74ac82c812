package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.master.MBusEventKind;

/**
 * Issue 15 item 1, P2 §8.4.2.2's main case: the wireless meter is delivered with a user key the E-meter lacks. Its
 * task chain waits for the key (not "running" without end), no communication error while it transmits, and the chain
 * completes once set_encryption_key gives the E-meter the key.
 */
class WirelessKeyWaitScenarioTest {

    private static ChannelProgress progress(WirelessRig.EMeter e) {
        return e.installation.status().channels().stream().filter(p -> p.channel().equals(Rig.CH1)).findFirst().orElseThrow();
    }

    @Test
    void p2_8_4_2_2_theTaskChainWaitsForTheKeyThenCompletesWhenItComes() {
        WirelessRig rig = new WirelessRig();
        WirelessRig.EMeter e = rig.emeter;
        rig.meter.deliveredWithUserKey(Rig.USER_KEY);
        rig.meter.startInstallation();
        assertTrue(rig.await(e.installation.registerWireless(Rig.CH1, WirelessRig.GAS)).done());
        rig.advance(Duration.ofHours(4));

        assertEquals(TaskStep.WAITING_FOR_KEYS, progress(e).step(), progress(e).toString());
        assertTrue(e.master.waitingForKeySince(Rig.CH1).isPresent());
        assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY, e.master.channel(Rig.CH1).keyStatus(), "class 72 attribute 14");
        assertFalse(rig.events().stream().anyMatch(ev -> ev.kind() == MBusEventKind.COMMUNICATION_ERROR),
                "no event 100 while it transmits every hour");

        rig.await(e.installation.setEncryptionKey(Rig.CH1, Rig.USER_KEY));
        rig.advance(Duration.ofHours(5));

        assertEquals(TaskStep.DONE, progress(e).step(), progress(e).toString());
        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, e.master.channel(Rig.CH1).keyStatus());
        assertTrue(e.master.waitingForKeySince(Rig.CH1).isEmpty());
        assertTrue(rig.events().stream().anyMatch(ev -> ev.kind() == MBusEventKind.CLOCK_ADJUSTED), "the chain ran to the clock");
    }
}
