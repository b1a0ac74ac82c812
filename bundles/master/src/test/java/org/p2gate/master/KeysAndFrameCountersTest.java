package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Fault;

/** P2 4.2.2 §4.1 (C/CI), §4.2.2 (Short ID), §5.1–§5.2 (mode 15, fillers, frame counter), §6.5 (keys). */
class KeysAndFrameCountersTest {

    @Test
    void keyTransferThenEncryptedReadsPutTheKeyInUse() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome(), "unencrypted while no user key (§4.3.2)");
            assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY, b.store.channel(Bench.CH1).keyStatus());

            CommandResult transfer = b.await(b.master.transferKey(Bench.CH1, KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY),
                    Bench.USER_KEY));

            assertEquals(Outcome.DONE, transfer.outcome(), transfer.toString());
            assertTrue(meter.hasUserKey(), "the meter unwrapped the key with its default key");
            assertEquals(Optional.of(Bench.USER_KEY), b.store.keys(Bench.CH1).userKey());
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED, b.store.channel(Bench.CH1).keyStatus());

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            ChannelState state = b.store.channel(Bench.CH1);
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, state.keyStatus(), "an encrypted answer validated");
            assertEquals(meter.frameCounter(), state.lastValidatedFrameCounter().getAsLong());
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(state.lastValidatedFrameCounter().getAsLong() + 1,
                    b.store.channel(Bench.CH1).lastValidatedFrameCounter().getAsLong(), "the meter counts +1 (§5.2)");
            assertEquals(Map.of(), b.master.rejections(Bench.CH1));
        }
    }

    @Test
    void aReplayedAnswerWithAnOldFrameCounterIsRejectedCountedLoggedAndNotUsed() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, device);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.time.advance(Duration.ofHours(1));
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            ChannelState before = b.store.channel(Bench.CH1);

            device.replay(0); // the first answer again: valid key, valid fillers, old counter
            CommandResult replayed = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.REJECTED, replayed.outcome());
            assertEquals(Map.of(RejectionReason.OLD_FRAME_COUNTER, 1L), b.master.rejections(Bench.CH1));
            assertEquals(before, b.store.channel(Bench.CH1), "nothing of it was used");
            assertTrue(b.logLines().stream().anyMatch(l -> l.contains("rejected") && l.contains("frame counter not above")),
                    b.logLines().toString());
        }
    }

    @Test
    void aMeterWhoseFrameCounterWasResetIsRejected() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).frameCounter(1_000).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.bus.detach(meter);
            b.bus.attach(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).frameCounter(10).build()); // same Short ID

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(1L, b.master.rejections(RejectionReason.OLD_FRAME_COUNTER));
            assertEquals(1_001, b.store.channel(Bench.CH1).lastValidatedFrameCounter().getAsLong(), "never backwards");
        }
    }

    @Test
    void anAnswerEncryptedWithAnotherKeyIsRejected() throws Exception {
        try (Bench b = new Bench()) {
            b.userKey(Bench.CH1, Bench.OTHER_KEY);
            b.bind(Bench.CH1, Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(RejectionReason.DECRYPTION_FAILED, 1L), b.master.rejections(Bench.CH1));
            assertTrue(b.store.channel(Bench.CH1).lastValidatedFrameCounter().isEmpty());
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isEmpty());
        }
    }

    @Test
    void unencryptedDataIsRejectedOnceAUserKeyIsSet() throws Exception {
        try (Bench b = new Bench()) {
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, Bench.gas(23456789, 5).build()); // the meter has no user key: it sends in clear

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(RejectionReason.UNENCRYPTED_WITH_USER_KEY, 1L), b.master.rejections(Bench.CH1));
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isEmpty());
        }
    }

    @Test
    void encryptedDataWithoutAUserKeyIsRejected() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(RejectionReason.NO_USER_KEY, 1L), b.master.rejections(Bench.CH1));
        }
    }

    /** P2 §4.1: RSP_UD is C 08h with CI 72h only; the link passes any C 08h frame, the master checks the CI. */
    @ParameterizedTest
    @CsvSource({"0x7A", "0x78", "0x5A"})
    void anAnswerWithAnotherCiIsRejected(String ci) throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            device.tamper(bytes -> withCi(bytes, Integer.decode(ci)));
            b.bind(Bench.CH1, device);

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(RejectionReason.NOT_ALLOWED, 1L), b.master.rejections(Bench.CH1));
            assertTrue(b.store.channel(Bench.CH1).device().isEmpty(), "nothing learnt from it");
        }
    }

    private static byte[] withCi(byte[] answer, int ci) {
        try {
            LongFrame frame = (LongFrame) WiredFrame.decode(answer);
            return new LongFrame(CField.of(frame.c().value()), frame.address(), ci, frame.data()).encode();
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** P2 §5.2: only the frame counter record travels in clear after the encrypted part. */
    @Test
    void clearRecordsAppendedToAnEncryptedAnswerAreRejected() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            byte[] forged = org.p2gate.mbus.record.DsmrRecords.hourlyGasVolume(1).toBytes();
            device.tamper(bytes -> appended(bytes, forged));
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, device);

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(RejectionReason.CLEAR_DATA_AFTER_ENCRYPTION, 1L), b.master.rejections(Bench.CH1));
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isEmpty());
        }
    }

    private static byte[] appended(byte[] answer, byte[] extra) {
        try {
            LongFrame frame = (LongFrame) WiredFrame.decode(answer);
            byte[] data = java.util.Arrays.copyOf(frame.data(), frame.dataLength() + extra.length);
            System.arraycopy(extra, 0, data, frame.dataLength(), extra.length);
            return new LongFrame(frame.c(), frame.address(), frame.ci(), data).encode();
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anotherDeviceAtTheBoundAddressIsRejected() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter first = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, first);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.bus.detach(first);
            b.bus.attach(Bench.gas(87654321, 5).build());

            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(Map.of(RejectionReason.WRONG_DEVICE, 1L), b.master.rejections(Bench.CH1));
        }
    }

    /** P2 §5.2: a command the meter ignores (its counter ran ahead unseen) → REQ_UD2 resynchronises; the retry works. */
    @Test
    void anIgnoredCommandResynchronisesTheFrameCounterWithReqUd2() throws Exception {
        try (Bench b = new Bench(MasterSettings.defaults().withClearStatusAutomatically(false))) {
            DsmrMeter meter = Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build();
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, meter);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.bus.injectFault(meter, new Fault.NoAnswer(), 3); // three answers lost: the meter counted on
            assertEquals(Outcome.FAILED, b.await(b.master.read(Bench.CH1)).outcome());
            long seen = b.store.channel(Bench.CH1).lastValidatedFrameCounter().getAsLong();
            assertTrue(meter.frameCounter() > seen + 1, "the meter is ahead of what the master saw");

            // the meter ignores the counter that is not above its own (P2 §5.2); the master learns its counter with
            // REQ_UD2 and retries with a fresh one above it (issue 15 item 8: the retries are the master's)
            CommandResult again = b.await(b.master.clearStatus(Bench.CH1));
            assertEquals(Outcome.DONE, again.outcome(), again.toString());
            assertEquals(meter.frameCounter(), b.store.channel(Bench.CH1).lastValidatedFrameCounter().getAsLong(),
                    "the meter took the retry's counter");
            assertEquals(b.store.channel(Bench.CH1).lastSentFrameCounter(),
                    b.store.channel(Bench.CH1).lastValidatedFrameCounter(), "the acknowledged counter is the validated one");
            assertEquals(List.of(105, 100, 101), b.sink.codes(), "error on the lost read, OK on the resynchronisation");
        }
    }
}
