package org.p2gate.simulator.wireless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;
import org.p2gate.mbus.wireless.ArmedAnswer;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.mbus.wireless.RadioCannotAnswerException;
import org.p2gate.mbus.wireless.ReceivedFrame;
import org.p2gate.mbus.wireless.WirelessCommand;
import org.p2gate.mbus.wireless.WirelessLink;
import org.p2gate.mbus.wireless.WirelessLinkException;
import org.p2gate.mbus.wireless.WirelessListener;
import org.p2gate.mbus.wireless.WirelessSettings;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;

/**
 * Issue 17: the radio's firmware decides the millisecond, on the medium's own clock (EN 13757-4 T2: the meter hears an
 * answer only if it starts 2.0–3.0 ms after its frame ends). The armed model meets it; a send-now firmware (like the
 * stock iM871A) cannot, whatever the host does.
 */
class RadioFirmwareTest {

    static final Instant START = WirelessLinkWithMetersTest.START;
    final VirtualScheduler scheduler = new VirtualScheduler(START);

    private WirelessGasMeter meter(RadioMedium medium, Duration facDelay, long seed) {
        return WirelessGasMeter.create(medium, scheduler, WirelessLinkWithMetersTest.GAS,
                MeterProfile.gasG4(Register.linear(START, 1_234_567, 150)), WirelessLinkWithMetersTest.DEFAULT_KEY, facDelay, seed);
    }

    /** A CNF_IR for the meter with the access number of its frame (P2 §4.4.7). */
    private static byte[] cnfIr(byte[] sndIr) {
        int acc = sndIr[11] & 0xFF;
        byte[] linkData = TransportLayer.of(CiField.of(0x80), java.util.Optional.of(LongHeader.of(WirelessLinkWithMetersTest.GAS,
                acc, StatusByte.OK, ConfigurationWord.NONE)), 0).encode(new byte[0]);
        return new WirelessFrame(org.p2gate.mbus.frame.CField.of(0x06), WirelessSettings.ZERO_ADDRESS, linkData).encodeWithoutCrcs();
    }

    @ParameterizedTest(name = "answer {0} ms after the frame: heard {1}")
    @CsvSource({"1.99, false", "2.00, true", "3.00, true", "3.01, false"})
    void theMeterHearsOnlyAnswersThatStartInsideTRo(double millis, boolean heard) {
        // EN 13757-4 T2 t_RO: 2.0 .. 3.0 ms after the end of the meter's frame, boundaries included
        RadioMedium medium = new RadioMedium(scheduler, 1);
        MediumRadio radio = new MediumRadio(medium, "E-meter");
        radio.answerDelay(Duration.ofNanos(Math.round(millis * 1_000_000)));
        List<byte[]> sndIr = new ArrayList<>();
        radio.open(new Radio.Receiver() {
            @Override
            public void received(ReceivedFrame frame) {
                sndIr.add(frame.frame());
            }

            @Override
            public void failed(java.io.IOException cause) {
            }
        });
        WirelessGasMeter m = meter(medium, Duration.ofSeconds(5), 3);
        m.startInstallation();
        scheduler.advance(Duration.ofSeconds(1));
        // arm a CNF_IR with the next access number (+1, EN 13757-3 §5.9)
        byte[] next = sndIr.get(0).clone();
        next[11] = (byte) ((next[11] & 0xFF) + 1);
        radio.arm(new ArmedAnswer(WirelessLinkWithMetersTest.GAS, Set.of(MessageKind.SND_IR), cnfIr(next))).join();
        scheduler.advance(Duration.ofMinutes(1));
        List<RadioMedium.Transmission> air = medium.transmissions();
        RadioMedium.Transmission answer = air.get(air.size() - 1);
        assertEquals(radio.station(), answer.sender(), "the firmware sent the armed CNF_IR");
        assertEquals(Duration.ofNanos(Math.round(millis * 1_000_000)), Duration.between(air.get(air.size() - 2).end(), answer.start()),
                "at the firmware's delay after the frame, on the medium's clock");
        assertEquals(heard, m.isBound());
    }

    @Test
    void aHostThatAnswersOnReceptionThroughASendNowFirmwareIsNeverHeard() {
        // the stock iM871A: no preload; the frame crosses the 57.6 kBd HCI and USB, the answer the same way back
        RadioMedium medium = new RadioMedium(scheduler, 2);
        MediumRadio radio = new MediumRadio(medium, "iM871A", MediumRadio.Firmware.SEND_NOW);
        List<Duration> gaps = new ArrayList<>();
        radio.open(new Radio.Receiver() {
            @Override
            public void received(ReceivedFrame frame) {
                // the quickest host there is: it answers the moment the frame reaches it, "not before" t_RO min
                radio.transmit(cnfIr(frame.frame()), frame.at().plus(WirelessSettings.T2_RESPONSE_DELAY_MIN))
                        .thenRun(() -> { });
                gaps.add(Duration.between(frame.at(), scheduler.now()));
            }

            @Override
            public void failed(java.io.IOException cause) {
            }
        });
        WirelessGasMeter m = meter(medium, Duration.ofSeconds(5), 4);
        m.startInstallation();
        scheduler.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(10, m.installationRequestsSent());
        assertEquals(10, medium.transmissions().stream().filter(t -> t.sender() == radio.station()).count(),
                "the host answered every SND_IR");
        assertFalse(m.isBound(), "no answer started inside t_RO: the host-reactive path fails");
        List<RadioMedium.Transmission> air = medium.transmissions();
        Duration gap = Duration.between(air.get(0).end(), air.get(1).start());
        assertTrue(gap.compareTo(Duration.ofMillis(10)) > 0, "≥ 10 ms after the frame, against 3 ms: " + gap);
        assertTrue(gaps.get(0).compareTo(Duration.ofMillis(3)) > 0, "the frame reached the host after t_RO max: " + gaps.get(0));
    }

    @Test
    void aSendNowFirmwareRefusesToArmNamingARadioThatCan() {
        RadioMedium medium = new RadioMedium(scheduler, 3);
        MediumRadio radio = new MediumRadio(medium, "iM871A", MediumRadio.Firmware.SEND_NOW);
        radio.open(new Radio.Receiver() {
            @Override
            public void received(ReceivedFrame frame) {
            }

            @Override
            public void failed(java.io.IOException cause) {
            }
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> radio.arm(new ArmedAnswer(WirelessLinkWithMetersTest.GAS,
                Set.of(MessageKind.SND_IR), new byte[] {10, 6, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80})).get());
        assertTrue(e.getCause() instanceof RadioCannotAnswerException);
        assertTrue(e.getCause().getMessage().contains("AMB8465-M"), e.getCause().getMessage());

        WirelessLink link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr(), m -> org.p2gate.mbus.wireless.FrameAdmission.Verdict.ACCEPT,
                WirelessListener.NONE);
        link.open();
        scheduler.runDue();
        link.bind(WirelessLinkWithMetersTest.GAS);
        CompletableFuture<WirelessFrame> f = link.submit(WirelessLinkWithMetersTest.GAS, WirelessCommand.read("read"));
        scheduler.runDue();
        CompletionException c = assertThrows(CompletionException.class, f::join);
        assertEquals(WirelessLinkException.Kind.RADIO_CANNOT_ANSWER, ((WirelessLinkException) c.getCause()).kind());
    }

    /** P2 §4.4: N = 2, 3, 4 or 5 s between the meter's FAC transmissions; the host re-arms within it. */
    @ParameterizedTest(name = "N = {0} s")
    @ValueSource(ints = {2, 3, 4, 5})
    void aCycleWithEveryTransmissionDelayCarriesKeyTransferAndClockSync(int n) {
        RadioMedium medium = new RadioMedium(scheduler, 10 + n);
        MediumRadio radio = new MediumRadio(medium, "E-meter");
        MasterStandIn master = new MasterStandIn(WirelessLinkWithMetersTest.DEFAULT_KEY);
        WirelessLink link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr().withAccessNumberSeed(n), master,
                WirelessListener.NONE);
        link.open();
        WirelessGasMeter m = meter(medium, Duration.ofSeconds(n), n);
        m.startInstallation();
        scheduler.advance(Duration.ofSeconds(1));
        link.bind(WirelessLinkWithMetersTest.GAS);
        scheduler.advance(Duration.ofMinutes(2));
        assertTrue(m.isBound());
        CompletableFuture<WirelessFrame> key = link.submit(WirelessLinkWithMetersTest.GAS, master.keyTransfer(WirelessLinkWithMetersTest.USER_KEY));
        scheduler.advance(Duration.ofMinutes(70));
        assertTrue(key.isDone() && !key.isCompletedExceptionally());
        CompletableFuture<WirelessFrame> clock = link.submit(WirelessLinkWithMetersTest.GAS,
                master.clockSynchronisation(LocalDateTime.of(2026, 3, 2, 12, 0)));
        scheduler.advance(Duration.ofMinutes(70));
        assertTrue(clock.isDone() && !clock.isCompletedExceptionally(), "N = " + n);
        assertEquals(0, link.statistics().answersOutsideWindow());
        assertEquals(link.statistics().framesSent(), link.statistics().answersInWindow());
        assertTrue(link.armingSlack().stream().allMatch(s -> s.compareTo(Duration.ofSeconds(1)) >= 0),
                "every answer armed at least a second before its trigger: " + link.armingSlack());
        assertTrue(master.rejected.isEmpty(), master.rejected.toString());
    }

    @Test
    void aCycleEndsAfterTheMetersSixthTransmissionAndTheRestWaitsForTheNext() {
        RadioMedium medium = new RadioMedium(scheduler, 20);
        MediumRadio radio = new MediumRadio(medium, "E-meter");
        MasterStandIn master = new MasterStandIn(WirelessLinkWithMetersTest.DEFAULT_KEY);
        WirelessLink link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr(), master, WirelessListener.NONE);
        link.open();
        WirelessGasMeter m = meter(medium, Duration.ofSeconds(2), 20);
        m.startInstallation();
        scheduler.advance(Duration.ofSeconds(1));
        link.bind(WirelessLinkWithMetersTest.GAS);
        scheduler.advance(Duration.ofMinutes(2));
        List<CompletableFuture<WirelessFrame>> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(link.submit(WirelessLinkWithMetersTest.GAS, master.keyTransfer(WirelessLinkWithMetersTest.USER_KEY)));
        }
        scheduler.advance(Duration.ofMinutes(70));
        // P2 §4.4: at most 6 meter transmissions in a FAC; the opener answers the SND_NR, the 6th gets SND_NKE
        assertEquals(6, keys.stream().filter(CompletableFuture::isDone).count());
        assertEquals(1, m.accessCyclesStarted());
        List<RadioMedium.Transmission> air = medium.transmissions();
        assertEquals(0x40, air.get(air.size() - 1).frame()[1] & 0xFF, "SND_NKE answers the sixth");
        scheduler.advance(Duration.ofHours(1));
        assertEquals(8, keys.stream().filter(CompletableFuture::isDone).count(), "the rest in the next cycle");
    }

    @Test
    void aLostSndIrDoesNotStallTheInstallation() {
        RadioMedium medium = new RadioMedium(scheduler, 30);
        MediumRadio radio = new MediumRadio(medium, "E-meter");
        WirelessLink link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr(), m -> org.p2gate.mbus.wireless.FrameAdmission.Verdict.ACCEPT,
                WirelessListener.NONE);
        link.open();
        WirelessGasMeter m = meter(medium, Duration.ofSeconds(5), 30);
        m.startInstallation();
        scheduler.advance(Duration.ofSeconds(1));
        link.bind(WirelessLinkWithMetersTest.GAS); // the CNF_IR is armed with the candidate's ACC + 1
        RadioMedium.Station meterStation = m.station();
        medium.dropNext(t -> t.sender() == meterStation); // the next SND_IR is lost: the prediction falls behind
        scheduler.advance(Duration.ofMinutes(4));
        assertTrue(m.isBound(), "installed a few minutes later all the same");
        assertEquals(1, link.statistics().confirmations());
        assertTrue(link.statistics().confirmationsMispredicted() >= 1, "the CNF_IR after the lost SND_IR carried an old ACC");
    }
}
