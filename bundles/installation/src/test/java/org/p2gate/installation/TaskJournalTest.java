package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.installation.Rig.CH1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.CommandResult;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;

/**
 * The task chains survive a restart (P2 4.2.2 §8.1: after a binding the E-meter transfers the keys, sets the capture
 * definition, reads versions and configuration and sets the clock — a power loss in between must not skip them).
 */
class TaskJournalTest {

    @TempDir
    Path folder;

    @Test
    void aChainWaitingForTheHeadEndKeysAtARestartGoesOnWhenTheKeysArriveAfterIt() {
        Rig rig = new Rig(InstallationSettings.defaults(), TaskJournal.inFolder(folder));
        DsmrMeter meter = rig.attach(Rig.builder(31000009, 9).userKey(Rig.USER_KEY).build());
        assertTrue(rig.await(rig.installation.slaveInstall(CH1)).done());
        rig.until(() -> rig.at(CH1, TaskStep.WAITING_FOR_KEYS));
        int before = rig.wire.size();

        rig.restartInstallation(TaskJournal.inFolder(folder));

        assertTrue(rig.at(CH1, TaskStep.WAITING_FOR_KEYS), "the restarted installation shows where the chain stands");
        assertEquals(before, rig.wire.size(), "and waits without asking the meter again");
        assertTrue(rig.await(rig.installation.setEncryptionKey(CH1, Rig.NEW_USER_KEY)).done());
        CommandResult transferred = rig.await(rig.installation.transferKey(CH1, KeyWrap.wrap(Rig.DEFAULT_KEY,
                Rig.NEW_USER_KEY)));
        assertTrue(transferred.done(), transferred.toString());
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, rig.master.channel(CH1).keyStatus());
        assertTrue(meter.hasUserKey());
        assertFalse(rig.master.channel(CH1).versionProperties().isEmpty(), "the readout-list step ran after the restart");
        assertEquals(1, rig.wire.count("SND_UD 9 CI 6C"), "and the clock step");
        assertEquals(Map.of(), TaskJournal.inFolder(folder).entries(), "a chain that is done is forgotten");
    }

    @Test
    void aChainCutByARestartResumesAtItsStep() {
        Path journalFolder = folder;
        Rig rig = new Rig(InstallationSettings.defaults(), TaskJournal.inFolder(journalFolder));
        rig.gas(31000017, 17);
        assertTrue(rig.await(rig.master.bind(CH1, new Binding.Wired(17))).done());
        // the journal as a restart finds it: the chain had reached the readout list
        TaskJournal.inFolder(journalFolder).record(new TaskJournal.Entry(CH1, new Binding.Wired(17), DeviceMode.CUSTOMER,
                TaskStep.READOUT_LIST));

        rig.time.advance(java.time.Duration.ofSeconds(5)); // the master's own read after the binding
        int before = rig.wire.size();
        rig.restartInstallation(TaskJournal.inFolder(journalFolder));
        rig.until(() -> rig.at(CH1, TaskStep.DONE));

        // P2 §5.2: the master learns a device it never read with REQ_UD2 before its first command; then P2 §8.1 from the
        // readout list on: the list changed, versions and configuration read, the list restored, the clock set
        assertEquals(java.util.List.of("REQ_UD2 17", "SND_UD 17 CI 5A", "REQ_UD2 17", "SND_NKE 17", "SND_UD 17 CI 6C"),
                rig.wire.exchanges().subList(before, rig.wire.size()).stream().map(RecordingTransport.Exchange::request)
                        .toList(), "no capture-definition step of its own");
        assertEquals(DeviceMode.CUSTOMER, rig.progress(CH1).orElseThrow().mode());
    }

    @Test
    void aChainDoesNotResumeForAnotherDeviceOnItsChannel() {
        Rig rig = new Rig(InstallationSettings.defaults(), TaskJournal.inFolder(folder));
        rig.gas(31000018, 18);
        assertTrue(rig.await(rig.master.bind(CH1, new Binding.Wired(18))).done());
        TaskJournal.inFolder(folder).record(new TaskJournal.Entry(CH1, new Binding.Wired(17), DeviceMode.STORAGE,
                TaskStep.CLOCK));

        rig.restartInstallation(TaskJournal.inFolder(folder));
        rig.time.advance(java.time.Duration.ofMinutes(5));

        assertEquals(Optional.empty(), rig.progress(CH1), "nothing runs for the device at 18");
        assertEquals(0, rig.wire.count("SND_UD 18 CI 6C"));
        assertEquals(Map.of(), TaskJournal.inFolder(folder).entries(), "the stale entry is forgotten");
    }

    @Test
    void theJournalKeepsWiredAndWirelessBindingsAcrossReadsAndIgnoresADamagedLine() throws Exception {
        TaskJournal journal = TaskJournal.inFolder(folder);
        TaskJournal.Entry wired = new TaskJournal.Entry(CH1, new Binding.Wired(250), DeviceMode.INSTALLATION, TaskStep.KEYS);
        TaskJournal.Entry wireless = new TaskJournal.Entry(Channel.of(4), new Binding.Wireless(Rig.gasId(31000104)),
                DeviceMode.CUSTOMER, TaskStep.WAITING_FOR_KEYS);
        journal.record(wired);
        journal.record(wireless);

        assertEquals(Map.of(CH1, wired, Channel.of(4), wireless), TaskJournal.inFolder(folder).entries());

        Path file = folder.resolve(TaskJournalFile.FILE_NAME);
        Files.writeString(file, Files.readString(file) + "channel.2=wired x, STORAGE, KEYS\nchannel.9=wired 5, STORAGE, KEYS\n");
        assertEquals(Map.of(CH1, wired, Channel.of(4), wireless), TaskJournal.inFolder(folder).entries(),
                "a damaged or impossible line is left out; the others stay");

        journal.forget(CH1);
        assertEquals(Map.of(Channel.of(4), wireless), TaskJournal.inFolder(folder).entries());
    }
}
