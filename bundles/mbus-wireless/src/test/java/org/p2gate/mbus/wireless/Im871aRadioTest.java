package org.p2gate.mbus.wireless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.wireless.hci.HciMessage;

/** The iM871A driver against a byte-level scripted peer of the dongle's HCI, in virtual time. */
class Im871aRadioTest {

    /** The dongle as the test plays it: records what the host writes, sends what the test tells it to. */
    static final class ScriptedDongle implements HciTransport {
        final List<byte[]> written = new ArrayList<>();
        Receiver receiver;

        @Override
        public void open(Receiver r) {
            receiver = r;
        }

        @Override
        public void write(byte[] bytes) {
            written.add(bytes.clone());
        }

        @Override
        public void close() {
        }

        @Override
        public String describe() {
            return "scripted dongle";
        }

        void send(byte[] bytes) {
            receiver.received(bytes, 0, bytes.length);
        }

        void send(int... values) {
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                bytes[i] = (byte) values[i];
            }
            send(bytes);
        }
    }

    final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));
    final ScriptedDongle dongle = new ScriptedDongle();
    final Im871aRadio radio = new Im871aRadio(dongle, scheduler);
    final List<ReceivedFrame> received = new ArrayList<>();
    final Radio.Receiver receiver = new Radio.Receiver() {
        @Override
        public void received(ReceivedFrame frame) {
            received.add(frame);
        }

        @Override
        public void failed(IOException cause) {
        }
    };

    CompletableFuture<Void> openAndConfirm() {
        CompletableFuture<Void> open = radio.open(receiver);
        scheduler.runDue();
        dongle.send(0xA5, 0x01, 0x04, 0x01, 0x00); // SET_CONFIG_RSP status 0
        scheduler.runDue();
        return open;
    }

    @Test
    void openSetsDeviceModeOtherAndLinkModeT2WithRssiAndTimestampAndWaitsForTheConfirmation() {
        CompletableFuture<Void> open = radio.open(receiver);
        scheduler.runDue();
        assertFalse(open.isDone(), "not before the dongle confirms");
        assertArrayEquals(new byte[] {(byte) 0xA5, 0x01, 0x03, 0x07, 0x00, 0x03, 0x00, 0x04, 0x30, 0x01, 0x01},
                dongle.written.get(0), "SET_CONFIG_REQ: temporary, device mode other, link mode T2, RSSI and time stamp on");
        dongle.send(0xA5, 0x01, 0x04, 0x01, 0x00);
        scheduler.runDue();
        assertTrue(open.isDone() && !open.isCompletedExceptionally());
    }

    @Test
    void refusedConfigurationFailsTheOpenWithTheStatus() {
        CompletableFuture<Void> open = radio.open(receiver);
        scheduler.runDue();
        dongle.send(0xA5, 0x01, 0x04, 0x01, 0x01);
        scheduler.runDue();
        ExecutionException e = assertThrows(ExecutionException.class, open::get);
        assertTrue(e.getCause().getMessage().contains("status 1"), e.getCause().getMessage());
    }

    @Test
    void silentDongleFailsTheOpenAfterTheConfirmationTimeout() {
        CompletableFuture<Void> open = radio.open(receiver);
        scheduler.advance(Duration.ofMillis(999));
        assertFalse(open.isDone());
        scheduler.advance(Duration.ofMillis(1));
        assertTrue(open.isCompletedExceptionally());
    }

    @Test
    void receivedFrameGetsItsLengthFieldBackAndRssiInDbm() {
        openAndConfirm();
        byte[] fromC = {0x44, (byte) 0xB4, 0x38, (byte) 0x89, 0x67, 0x45, 0x23, 0x42, 0x03, 0x7A, 0x01, 0x00, 0x00, (byte) 0xA0};
        byte[] ind = new HciMessage(2, 3, fromC, OptionalLong.of(123456), OptionalInt.of(125)).encode(true);
        dongle.send(ind);
        scheduler.runDue();
        assertEquals(1, received.size());
        byte[] frame = received.get(0).frame();
        assertEquals(fromC.length, frame[0], "L = the bytes after L");
        assertArrayEquals(fromC, java.util.Arrays.copyOfRange(frame, 1, frame.length));
        assertEquals(-60, received.get(0).rssiDbm(), "raw 125 on the line through (45, -100) and (205, -20)");
        // the frame ended before its 25-byte indication crossed the 57,600 Bd HCI: 25 × 10 bits ≈ 4.34 ms earlier
        assertEquals(scheduler.now().minusNanos(25L * 10 * 1_000_000_000L / 57_600), received.get(0).at());
    }

    @Test
    void corruptedIndicationIsDroppedAndCounted() {
        openAndConfirm();
        byte[] ind = new HciMessage(2, 3, new byte[] {0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x7A, 1, 0, 0, (byte) 0xA0},
                OptionalLong.empty(), OptionalInt.of(100)).encode(true);
        ind[6] ^= 0x40;
        dongle.send(ind);
        scheduler.runDue();
        assertEquals(List.of(), received);
        assertEquals(1, radio.rejectedMessages());
    }

    @Test
    void transmitWritesTheFrameFromItsCFieldAtNotBeforeAndCompletesOnTheConfirmation() {
        openAndConfirm();
        byte[] frame = {0x0A, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80};
        CompletableFuture<Void> sent = radio.transmit(frame, scheduler.now().plusMillis(2));
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(1, dongle.written.size(), "not before 'not before'");
        scheduler.advance(Duration.ofMillis(1));
        assertArrayEquals(new byte[] {(byte) 0xA5, 0x02, 0x01, 0x0A, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80},
                dongle.written.get(1), "WMBUS_MSG_REQ from the C-field on; the dongle adds L and the CRCs");
        assertFalse(sent.isDone());
        dongle.send(0xA5, 0x02, 0x02, 0x01, 0x00);
        scheduler.runDue();
        assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
    }

    @Test
    void refusedTransmissionFails() {
        openAndConfirm();
        CompletableFuture<Void> sent = radio.transmit(new byte[] {0x0A, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80}, scheduler.now());
        scheduler.runDue();
        dongle.send(0xA5, 0x02, 0x02, 0x01, 0x07);
        scheduler.runDue();
        assertTrue(sent.isCompletedExceptionally());
    }
}
