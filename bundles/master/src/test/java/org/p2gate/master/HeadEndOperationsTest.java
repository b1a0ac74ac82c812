package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;

/**
 * The master operations behind the COSEM M-Bus Client Setup methods (class 72): set_encryption_key and
 * transfer_key in either order (P2 4.2.2 §6.5.1), data_send, wireless registration (§8.4.2.1). slave_install is the
 * installation bundle's.
 */
class HeadEndOperationsTest {

    @Test
    void transferKeyThenSetEncryptionKeyMakesTheKeyInUseAtTheNextRead() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);

            CommandResult transfer = b.await(b.master.transferKey(Bench.CH1, KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY)));

            assertEquals(Outcome.DONE, transfer.outcome(), transfer.toString());
            assertTrue(meter.hasUserKey());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED, b.store.channel(Bench.CH1).keyStatus());

            assertEquals(Outcome.DONE, b.await(b.master.setEncryptionKey(Bench.CH1, Bench.USER_KEY)).outcome());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED, b.store.channel(Bench.CH1).keyStatus());

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.DONE, read.outcome(), read.toString());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(Bench.CH1).keyStatus());
            assertEquals(Optional.of(Bench.USER_KEY), b.store.keys(Bench.CH1).userKey());
            assertEquals(Map.of(), b.master.rejections(Bench.CH1));
        }
    }

    @Test
    void setEncryptionKeyThenTransferKeySendsTheKeyAndKnowsIt() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);

            b.await(b.master.setEncryptionKey(Bench.CH1, Bench.USER_KEY));
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_SET, b.store.channel(Bench.CH1).keyStatus());
            assertFalse(meter.hasUserKey());

            CommandResult transfer = b.await(b.master.transferKey(Bench.CH1, KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY)));

            assertEquals(Outcome.DONE, transfer.outcome(), transfer.toString());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED, b.store.channel(Bench.CH1).keyStatus());
            assertEquals(Optional.of(Bench.USER_KEY), b.store.keys(Bench.CH1).userKey());
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(Bench.CH1).keyStatus());
        }
    }

    @Test
    void keyMethodsOnAFreeChannelAreRefusedAtOnce() throws Exception {
        try (Bench b = new Bench()) {
            var set = b.master.setEncryptionKey(Bench.CH2, Bench.USER_KEY);
            var transfer = b.master.transferKey(Bench.CH2, new byte[16]);

            assertTrue(set.isDone() && transfer.isDone(), "refused on the caller's thread, without virtual time");
            assertEquals(Outcome.REFUSED, set.join().outcome());
            assertEquals(Outcome.REFUSED, transfer.join().outcome());
        }
    }

    @Test
    void dataSendDeliversRecordsToTheDevice() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).status(DsmrMeter.STATUS_TEMPORARY_ERROR).build();
            b.bind(Bench.CH1, meter);

            CommandResult sent = b.await(b.master.dataSend(Bench.CH1,
                    List.of(DsmrRecords.clearStatus(DsmrRecords.CLEAR_STATUS_MASK))));

            assertEquals(Outcome.DONE, sent.outcome(), sent.toString());
            assertEquals(0, meter.status() & DsmrMeter.STATUS_TEMPORARY_ERROR, "the device applied the record");
        }
    }

    @Test
    void aWirelessDeviceIsRegisteredByItsShortIdOnce() throws Exception {
        try (Bench b = new Bench()) {
            Binding.Wireless wireless = new Binding.Wireless(Bench.gasId(12345678));

            assertEquals(Outcome.DONE, b.await(b.master.bind(Bench.CH4, wireless)).outcome());
            assertEquals(Optional.of(wireless), b.store.channel(Bench.CH4).binding());
            assertEquals(Outcome.REFUSED, b.await(b.master.bind(Bench.CH3, wireless)).outcome(), "one device, one channel");
            assertEquals(Outcome.REFUSED, b.await(b.master.read(Bench.CH4)).outcome(), "no wireless link yet");
        }
    }
}
