package org.p2gate.mbus.wireless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.amber.AmberFrame;

/**
 * The AMB8465-M driver against a scripted peer of the module's command-mode serial protocol, written from the public
 * AMB8426-M/8626-M manual (§2.2 framing and XOR checksum, §7.2 SET_MODE, §7.12 preload, §7.9 RSSI), in virtual time.
 */
class Amb8465RadioTest {

    static final ShortId GAS = WirelessLinkTest.GAS;
    static final ShortId OTHER = ShortId.of(11111111, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);

    /** The module as the test plays it: confirms requests as the manual says, records what the host wrote. */
    static final class ScriptedModule implements HciTransport {
        final List<byte[]> written = new ArrayList<>();
        int modeStatus;
        int preloadStatus;
        Receiver receiver;

        @Override
        public void open(Receiver r) {
            receiver = r;
        }

        @Override
        public void write(byte[] bytes) {
            written.add(bytes.clone());
            int command = bytes[1] & 0xFF;
            int status = switch (command) {
                case AmberFrame.SET_MODE_REQ -> modeStatus;
                case AmberFrame.DATA_PRELOAD_REQ -> preloadStatus;
                default -> 0;
            };
            send(new AmberFrame(command | AmberFrame.CONFIRM, new byte[] {(byte) status}).encode());
        }

        @Override
        public void close() {
        }

        @Override
        public String describe() {
            return "scripted AMB8465-M";
        }

        void send(byte[] bytes) {
            receiver.received(bytes, 0, bytes.length);
        }

        /** CMD_DATA_IND: the telegram from its C-field on, and the RSSI byte when given. */
        void indicate(byte[] frame, int... rssi) {
            byte[] payload = Arrays.copyOfRange(frame, 1, frame.length + rssi.length);
            for (int i = 0; i < rssi.length; i++) {
                payload[frame.length - 1 + i] = (byte) rssi[i];
            }
            send(new AmberFrame(AmberFrame.DATA_IND, payload).encode());
        }

        /** The preload's second confirmation: "telegram has been transmitted" (§7.12.1). */
        void transmitted() {
            send(new AmberFrame(AmberFrame.DATA_PRELOAD_REQ | AmberFrame.CONFIRM, new byte[] {1}).encode());
        }
    }

    final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));
    final ScriptedModule module = new ScriptedModule();
    final List<ReceivedFrame> received = new ArrayList<>();

    Amb8465Radio open(boolean rssi) throws Exception {
        Amb8465Radio radio = new Amb8465Radio(module, scheduler, Amb8465Radio.DEFAULT_BAUD, rssi);
        CompletableFuture<Void> opened = radio.open(new Radio.Receiver() {
            @Override
            public void received(ReceivedFrame frame) {
                received.add(frame);
            }

            @Override
            public void failed(IOException cause) {
            }
        });
        scheduler.runDue();
        opened.get();
        return radio;
    }

    static byte[] sndNr(ShortId id, int acc) {
        return ScriptedRadio.meterFrame(id, 0x44, 0x7A, acc, 0xA000, new byte[] {0x2F, 0x2F});
    }

    static byte[] answer(ShortId target) {
        return new EmeterFrames(WirelessSettings.ZERO_ADDRESS).request(target, 7);
    }

    @Test
    void openSetsModeT2OtherInVolatileMemoryOnly() throws Exception {
        open(false);
        // §7.2 CMD_SET_MODE_REQ, mode 08h (T2 other); checksum FF ^ 04 ^ 01 ^ 08 = F2
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x04, 0x01, 0x08, (byte) 0xF2}, module.written.get(0));
        assertEquals(1, module.written.size(), "no CMD_SET_REQ: nothing is written to the module's flash");
    }

    @Test
    void aRefusedModeFailsTheOpenSayingWhat() {
        module.modeStatus = 1;
        ExecutionException e = assertThrows(ExecutionException.class, () -> open(false));
        assertTrue(e.getCause().getMessage().contains("T2 other"), e.getCause().getMessage());
    }

    @Test
    void armingPreloadsTheAnswerFromItsCFieldOn() throws Exception {
        Amb8465Radio radio = open(false);
        byte[] frame = answer(GAS);
        CompletableFuture<Void> armed = radio.arm(new ArmedAnswer(GAS, Set.of(MessageKind.SND_NR), frame));
        scheduler.runDue();
        armed.get();
        byte[] preload = module.written.get(1);
        assertEquals(0x30, preload[1] & 0xFF, "§7.12.1 CMD_DATA_PRELOAD_REQ");
        assertEquals(frame.length - 1, preload[2] & 0xFF);
        assertArrayEquals(Arrays.copyOfRange(frame, 1, frame.length), Arrays.copyOfRange(preload, 3, preload.length - 1));
        assertEquals(AmberFrame.checksum(preload, preload.length - 1), preload[preload.length - 1] & 0xFF);
    }

    @Test
    void aFrameThatReleasedThePreloadIsReportedWithTheAnswerWhicheverConfirmationComesFirst() throws Exception {
        Amb8465Radio radio = open(false);
        radio.arm(new ArmedAnswer(GAS, Set.of(MessageKind.SND_NR), answer(GAS)));
        scheduler.runDue();
        module.indicate(sndNr(GAS, 1));
        module.transmitted();
        scheduler.runDue();
        assertEquals(1, received.size());
        assertTrue(received.get(0).answered().isPresent(), "the module sent the preload (B0h 01h)");
        assertTrue(received.get(0).answered().get().startAfterTriggerEnd().isEmpty(), "the module gives no time");
        assertArrayEquals(sndNr(GAS, 1), received.get(0).frame());

        radio.arm(new ArmedAnswer(GAS, Set.of(MessageKind.SND_NR), answer(GAS)));
        scheduler.runDue();
        module.transmitted(); // this time the confirmation comes first
        module.indicate(sndNr(GAS, 2));
        scheduler.runDue();
        assertTrue(received.get(1).answered().isPresent());
    }

    @Test
    void withoutTheTransmittedConfirmationTheFrameIsReportedUnansweredAfterAShortWait() throws Exception {
        Amb8465Radio radio = open(false);
        radio.arm(new ArmedAnswer(GAS, Set.of(MessageKind.SND_NR), answer(GAS)));
        scheduler.runDue();
        module.indicate(sndNr(GAS, 1));
        scheduler.runDue();
        assertEquals(0, received.size(), "waits for the second confirmation");
        scheduler.advance(Amb8465Radio.SENT_REPORT_WAIT);
        assertEquals(1, received.size());
        assertFalse(received.get(0).answered().isPresent());
    }

    @Test
    void oneTelegramIsHeldAtATimeArmingAnotherMeterClearsItFirst() throws Exception {
        Amb8465Radio radio = open(false);
        radio.arm(new ArmedAnswer(GAS, Set.of(MessageKind.SND_NR), answer(GAS)));
        radio.arm(new ArmedAnswer(OTHER, Set.of(MessageKind.SND_NR), answer(OTHER)));
        scheduler.runDue();
        // §7.12.2 CMD_DATA_CLR_PRELOAD_REQ: FF 31 00 CE
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x31, 0x00, (byte) 0xCE}, module.written.get(2));
        assertEquals(0x30, module.written.get(3)[1] & 0xFF);
        module.indicate(sndNr(GAS, 1));
        scheduler.runDue();
        assertEquals(1, received.size(), "GAS's frame is not held back: nothing is armed for it any more");
        assertFalse(received.get(0).answered().isPresent());
        radio.disarm(OTHER);
        scheduler.runDue();
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x31, 0x00, (byte) 0xCE}, module.written.get(4));
    }

    @Test
    void noMemoryForAPreloadFailsTheArming() throws Exception {
        Amb8465Radio radio = open(false);
        module.preloadStatus = 2;
        CompletableFuture<Void> armed = radio.arm(new ArmedAnswer(GAS, Set.of(MessageKind.SND_NR), answer(GAS)));
        scheduler.runDue();
        ExecutionException e = assertThrows(ExecutionException.class, armed::get);
        assertTrue(e.getCause().getMessage().contains("no memory"), e.getCause().getMessage());
    }

    @Test
    void rssiIsConvertedAsTheManualSaysWhenTheModuleAppendsIt() throws Exception {
        open(true);
        module.indicate(sndNr(GAS, 1), 0x20);
        module.indicate(sndNr(GAS, 2), 0xC0);
        scheduler.runDue();
        assertEquals(-58, received.get(0).rssiDbm(), "§7.9: 32 / 2 - 74");
        assertEquals(-106, received.get(1).rssiDbm(), "§7.9: (192 - 256) / 2 - 74");
        assertArrayEquals(sndNr(GAS, 2), received.get(1).frame(), "the RSSI byte is not part of the telegram");
    }

    @Test
    void aFrameWithABadChecksumIsDroppedAndTheStreamResynchronises() throws Exception {
        Amb8465Radio radio = open(false);
        byte[] good = new AmberFrame(AmberFrame.DATA_IND, Arrays.copyOfRange(sndNr(GAS, 1), 1, sndNr(GAS, 1).length)).encode();
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 0x55;
        module.send(new byte[] {0x12, 0x34});
        module.send(bad);
        module.send(good);
        scheduler.runDue();
        assertEquals(1, received.size());
        assertEquals(1, radio.rejectedMessages());
    }

    @Test
    void theLinkRunsAFrequentAccessCycleThroughThePreloadWithoutAnyTimeFromTheModule() throws Exception {
        Amb8465Radio radio = new Amb8465Radio(module, scheduler, Amb8465Radio.DEFAULT_BAUD, false);
        WirelessLink link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr(), FrameAdmission.ANY, WirelessListener.NONE);
        link.open();
        link.bind(GAS);
        scheduler.runDue();
        CompletableFuture<WirelessFrame> f = link.submit(GAS, WirelessLinkTest.control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        byte[] preload = module.written.get(module.written.size() - 1);
        assertEquals(0x30, preload[1] & 0xFF, "armed before the SND_NR");
        assertEquals(0x53, preload[3] & 0xFF, "SND_UD");
        int acc = preload[3 + 18] & 0xFF; // C M(2) A(6) CI ID(4) MAN(2) VER DEV ACC
        module.indicate(sndNr(GAS, 1));
        module.transmitted();
        scheduler.runDue();
        assertEquals(1, link.statistics().framesSent());
        assertEquals(1, link.statistics().answersInWindow(), "no time given: counted at the nominal t_RO");
        module.indicate(ScriptedRadio.meterFrame(GAS, 0x00, 0x8A, acc, 0x8000, new byte[0]));
        scheduler.advance(Amb8465Radio.SENT_REPORT_WAIT);
        assertTrue(f.isDone() && !f.isCompletedExceptionally(), "P2 §4.4.3: the ACK with the copied ACC");
    }
}
