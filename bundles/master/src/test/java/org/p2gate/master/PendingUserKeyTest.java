package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Fault;

/**
 * P2 4.2.2 §6.5.1 with DESIGN "Durability": a transferred user key is committed as pending before it is sent,
 * and becomes the user key on the device's E5h or on the first answer that validates with it.
 */
class PendingUserKeyTest {

    private static ChannelKeys pending(Optional<AesKey> user, AesKey pending) {
        return new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), user, Optional.of(pending));
    }

    @Test
    void aLostE5hLeavesTheKeyPendingAndTheNextReadPromotesIt() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);
            b.store.putKeys(Bench.CH1, new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), Optional.empty()));
            b.bus.injectFault(meter, new Fault.NoAnswer(), 3); // the meter takes the key; its E5h is lost, each retry

            CommandResult transfer = b.await(b.master.transferKey(Bench.CH1, KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY),
                    Bench.USER_KEY));

            assertEquals(Outcome.FAILED, transfer.outcome(), transfer.toString());
            assertTrue(meter.hasUserKey());
            assertEquals(pending(Optional.empty(), Bench.USER_KEY), b.store.keys(Bench.CH1));

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.DONE, read.outcome(), read.toString());
            assertEquals(new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), Optional.of(Bench.USER_KEY)), b.store.keys(Bench.CH1),
                    "promoted: user key = the pending one, none pending");
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(Bench.CH1).keyStatus());
            assertEquals(meter.frameCounter(), b.store.channel(Bench.CH1).lastValidatedFrameCounter().getAsLong());
            assertEquals(Map.of(), b.master.rejections(Bench.CH1));
        }
    }

    @Test
    void aPendingKeyIsTriedAfterTheUserKeyFailsAndReplacesIt() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build()); // re-keyed from OTHER_KEY
            b.store.putKeys(Bench.CH1, pending(Optional.of(Bench.OTHER_KEY), Bench.USER_KEY));

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());

            assertEquals(new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), Optional.of(Bench.USER_KEY)), b.store.keys(Bench.CH1));
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(Bench.CH1).keyStatus());
            assertEquals(Map.of(), b.master.rejections(Bench.CH1));
        }
    }

    @Test
    void anAnswerWithTheUserKeyLeavesAPendingKeyPending() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build()); // the transfer never arrived
            b.store.putKeys(Bench.CH1, pending(Optional.of(Bench.USER_KEY), Bench.OTHER_KEY));

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());

            assertEquals(pending(Optional.of(Bench.USER_KEY), Bench.OTHER_KEY), b.store.keys(Bench.CH1));
        }
    }

    @Test
    void aPendingKeyThatDoesNotMatchIsKeptAndTheAnswerRejected() throws Exception {
        try (Bench b = new Bench()) {
            AesKey third = AesKey.fromHex("0F0E0D0C0B0A09080706050403020100");
            b.bind(Bench.CH1, Bench.gas(23456789, 5).userKey(third).build()); // a key the master has neither way
            b.store.putKeys(Bench.CH1, pending(Optional.of(Bench.OTHER_KEY), Bench.USER_KEY));
            ChannelState before = b.store.channel(Bench.CH1);

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.REJECTED, read.outcome());
            assertEquals(Map.of(RejectionReason.DECRYPTION_FAILED, 1L), b.master.rejections(Bench.CH1));
            assertTrue(read.detail().contains("pending user key"), read.detail());
            assertEquals(pending(Optional.of(Bench.OTHER_KEY), Bench.USER_KEY), b.store.keys(Bench.CH1), "still pending");
            assertEquals(before, b.store.channel(Bench.CH1), "nothing of it was used");
        }
    }

    @Test
    void withOnlyAPendingKeyThatDoesNotMatchTheAnswerIsRejectedAsUndecryptable() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.store.putKeys(Bench.CH1, pending(Optional.empty(), Bench.OTHER_KEY));

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());

            assertEquals(Map.of(RejectionReason.DECRYPTION_FAILED, 1L), b.master.rejections(Bench.CH1));
            assertEquals(pending(Optional.empty(), Bench.OTHER_KEY), b.store.keys(Bench.CH1));
        }
    }

    /** P2 §6.5: "Initially … all messages are sent unencrypted": no user key yet, so clear data is accepted. */
    @Test
    void unencryptedAnswersWhileOnlyAPendingKeyExistsAreInstallationTimeDataAndKeepItPending() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).build()); // the key never reached the meter
            b.store.putKeys(Bench.CH1, pending(Optional.empty(), Bench.USER_KEY));

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());

            assertEquals(pending(Optional.empty(), Bench.USER_KEY), b.store.keys(Bench.CH1));
            assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY, b.store.channel(Bench.CH1).keyStatus());
        }
    }

    /** P2 §6.5.1: the all-zero key switches encryption off; a device that took a pending zero key sends in clear. */
    @Test
    void anUnencryptedAnswerPromotesAPendingZeroKey() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).build());
            b.store.putKeys(Bench.CH1, pending(Optional.of(Bench.USER_KEY), AesKey.ZERO));

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());

            assertEquals(new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), Optional.of(AesKey.ZERO)), b.store.keys(Bench.CH1));
            assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY, b.store.channel(Bench.CH1).keyStatus());
        }
    }

    @Test
    void anUnencryptedAnswerWithAUserKeyAndANonZeroPendingKeyIsStillRejected() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).build());
            b.store.putKeys(Bench.CH1, pending(Optional.of(Bench.USER_KEY), Bench.OTHER_KEY));

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());

            assertEquals(Map.of(RejectionReason.UNENCRYPTED_WITH_USER_KEY, 1L), b.master.rejections(Bench.CH1));
        }
    }

    /** A new transfer first reads the device, so that a pending key it took is not replaced (and lost). */
    @Test
    void aNewTransferFirstPromotesAPendingKeyTheDeviceTook() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build(); // took USER_KEY, E5h lost
            b.bind(Bench.CH1, meter);
            b.store.putKeys(Bench.CH1, pending(Optional.empty(), Bench.USER_KEY));

            CommandResult transfer = b.await(b.master.transferKey(Bench.CH1, KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.OTHER_KEY),
                    Bench.OTHER_KEY));

            assertEquals(Outcome.DONE, transfer.outcome(), transfer.toString());
            assertEquals(new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), Optional.of(Bench.OTHER_KEY)), b.store.keys(Bench.CH1));
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED, b.store.channel(Bench.CH1).keyStatus());
            assertTrue(b.store.channel(Bench.CH1).lastValidatedFrameCounter().isPresent(), "the read validated with USER_KEY");
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(), b.master.rejections(Bench.CH1));
        }
    }

    /** P2 §6.2.2: the device ignores a new address once it has a user key; it may have the pending one. */
    @Test
    void aNewPrimaryAddressIsRefusedWhileANonZeroKeyIsPending() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).build());
            b.store.putKeys(Bench.CH1, pending(Optional.empty(), Bench.USER_KEY));

            assertEquals(Outcome.REFUSED, b.await(b.master.setPrimaryAddress(Bench.CH1, 7)).outcome());
        }
    }

    @Test
    void pendingKeysPrintWithoutTheirBytes() {
        String text = pending(Optional.of(Bench.USER_KEY), Bench.OTHER_KEY).toString();
        assertTrue(text.contains("pendingUserKey"), text);
        assertTrue(!text.contains("F0E1D2") && !text.toUpperCase().contains("F0E1D2"), text);
    }
}
