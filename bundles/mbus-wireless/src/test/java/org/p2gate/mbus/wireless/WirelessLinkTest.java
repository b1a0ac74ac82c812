package org.p2gate.mbus.wireless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** The link's own rules against a scripted radio, in virtual time. */
class WirelessLinkTest {

    static final ShortId GAS = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    static final int SND_NR = 0x44;
    static final int ACK = 0x00;
    /** B = 1, S = 1, mode 0: an unencrypted SND_NR (P2 §4.4.2 "A0h"). */
    static final int CW_SND_NR = 0xA000;
    static final int CW_ACK = 0x8000;

    final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));
    final ScriptedRadio radio = new ScriptedRadio();
    final List<WirelessMessage> heard = new ArrayList<>();
    final List<String> admissionLog = new ArrayList<>();
    FrameAdmission admission = FrameAdmission.ANY;
    final WirelessLink link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr(),
            m -> admission.check(m), heard::add);

    WirelessLinkTest() {
        link.open();
        link.bind(GAS);
        scheduler.runDue();
    }

    void meterSends(int c, int ci, int acc, int cw) {
        radio.deliver(ScriptedRadio.meterFrame(GAS, c, ci, acc, cw, new byte[] {0x2F, 0x2F}), scheduler.now());
        scheduler.runDue();
    }

    static WirelessCommand control(String name, ConfigurationWord cw) {
        return new WirelessCommand(name, WirelessCommand.Request.CONTROL,
                (t, acc, attempt) -> new WirelessCommand.Encoded(cw, new byte[] {0x0C, 0x13, 0x01, 0x02, 0x03, 0x04}));
    }

    @Test
    void combinationNotInTableSixFromABoundMeterIsRejectedCountedAndNotAnswered() {
        link.submit(GAS, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        meterSends(0x47, 0x7A, 1, CW_SND_NR); // ACC_NR: P2 §3.2.2 does not allow it
        meterSends(SND_NR, 0x8A, 2, CW_SND_NR); // SND_NR with CI 8Ah: Table 6 has CI 7Ah only
        assertEquals(2, link.statistics().notAllowed());
        assertEquals(List.of(), radio.sent);
        assertEquals(List.of(), heard);
    }

    @Test
    void meterWithoutLimitedAccessBitsIsRejected() {
        meterSends(SND_NR, 0x7A, 1, 0x2000); // S set, B not: P2 §3.2.5 wants B = 1, A = 0
        meterSends(SND_NR, 0x7A, 2, 0xE000); // B = A = 1: unlimited access is not DSMR
        meterSends(SND_NR, 0x7A, 3, 0x8000); // no sync bit on SND_NR (P2 §4.2.6)
        meterSends(SND_NR, 0x7A, 4, 0xA500); // mode 5 from a bound DSMR meter
        assertEquals(4, link.statistics().badConfiguration());
        assertEquals(List.of(), radio.sent);
    }

    @Test
    void snrOfABoundMeterWithWorkOpensACycleAnsweredInsideTheResponseWindow() {
        link.submit(GAS, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        Instant end = scheduler.now();
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        assertEquals(1, radio.sent.size());
        ScriptedRadio.Sent s = radio.sent.get(0);
        assertEquals(0x53, s.c());
        assertEquals(0x5B, s.ci());
        // EN 13757-4 T2: the radio's firmware starts the armed answer at nominal t_RO after the frame
        assertEquals(end.plus(Duration.ofNanos(2_500_000)), s.notBefore());
        assertEquals(1, link.statistics().answersInWindow());
        assertEquals(1, link.armingSlack().size(), "armed before the SND_NR came");
        assertEquals(1, heard.size(), "the listener gets the admitted SND_NR");
    }

    @Test
    void commandQueuedAfterTheSndNrWaitsForTheNextOne() {
        // the answer must be in the radio before the frame ends (t_RO 2..3 ms): a late command waits an hour
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        CompletableFuture<WirelessFrame> f = link.submit(GAS, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        assertEquals(List.of(), radio.sent);
        assertEquals(0, link.statistics().missedWindows(), "nothing was armed for it: no miss");
        scheduler.advance(Duration.ofHours(1));
        meterSends(SND_NR, 0x7A, 2, CW_SND_NR);
        assertEquals(1, radio.sent.size());
        assertEquals(0x53, radio.sent.get(0).c());
        meterSends(ACK, 0x8A, radio.sent.get(0).accessNumber(), CW_ACK);
        assertTrue(f.isDone());
    }

    @Test
    void frameTheMasterRejectsIsNotHeardButTheCycleTheRadioOpenedGoesOn() {
        // the radio's firmware answers on address and kind; frame counter and fillers are the host's to judge
        admission = m -> FrameAdmission.Verdict.reject("frame counter 7 not above 9");
        CompletableFuture<WirelessFrame> f = link.submit(GAS, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        assertEquals(1, radio.sent.size(), "the armed command went out");
        assertEquals(1, link.statistics().notAdmitted());
        assertEquals(List.of(), heard);
        meterSends(ACK, 0x8A, radio.sent.get(0).accessNumber(), CW_ACK);
        assertTrue(f.isDone(), "P2 §4.4.3: the ACK answers the command");
    }

    @Test
    void aReceiveOnlyRadioRefusesCommandsNamingARadioThatCanAnswer() {
        radio.answersArmed = false;
        CompletableFuture<WirelessFrame> f = link.submit(GAS, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        WirelessLinkException wle = (WirelessLinkException) e.getCause();
        assertEquals(WirelessLinkException.Kind.RADIO_CANNOT_ANSWER, wle.kind());
        assertTrue(wle.getMessage().contains("AMB8465-M"), wle.getMessage());
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        assertEquals(1, heard.size(), "its SND_NR are still read");
    }

    @Test
    void commandForAMeterThatIsNotBoundFails() {
        ShortId other = ShortId.of(11111111, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        CompletableFuture<WirelessFrame> f = link.submit(other, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        assertEquals(WirelessLinkException.Kind.NOT_BOUND, ((WirelessLinkException) e.getCause()).kind());
    }

    @Test
    void commandWhoseConfigurationWordSetsBitsTheEmeterMustClearIsRefused() {
        // P2 §4.2.6: the E-meter sets all bits except MMMM and NNNN to 0; here B is set
        CompletableFuture<WirelessFrame> f = link.submit(GAS, control("bad", new ConfigurationWord(0x8000)));
        scheduler.runDue();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        assertEquals(WirelessLinkException.Kind.INVALID_COMMAND, ((WirelessLinkException) e.getCause()).kind(),
                "refused when it is encoded, before it is armed");
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        assertEquals(List.of(), radio.sent, "nothing armed, nothing sent");
    }

    @Test
    void cycleEndsWithSndNkeAfterTheMetersSixthTransmissionAndTheRestWaitsForTheNext() {
        List<CompletableFuture<WirelessFrame>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(link.submit(GAS, control("command " + i, ConfigurationWord.NONE)));
        }
        scheduler.runDue();
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        for (int i = 0; i < 6; i++) {
            scheduler.advance(Duration.ofSeconds(5));
            int acc = radio.sent.get(radio.sent.size() - 1).accessNumber();
            meterSends(ACK, 0x8A, acc, CW_ACK); // P2 §4.4.3: ACC copied from the SND_UD
        }
        assertEquals(7, radio.sent.size());
        assertEquals(0x40, radio.sent.get(6).c(), "P2 §4.4: after 6 meter transmissions the FAC ends with SND_NKE");
        assertEquals(0x80, radio.sent.get(6).ci());
        assertEquals(6, results.stream().filter(CompletableFuture::isDone).count());
        assertFalse(results.get(6).isDone(), "the rest waits for the next cycle");
        scheduler.advance(Duration.ofHours(1));
        meterSends(SND_NR, 0x7A, 2, CW_SND_NR);
        assertEquals(0x53, radio.sent.get(7).c(), "the next SND_NR opens the next cycle");
        assertEquals(2, link.statistics().cyclesStarted());
    }

    @Test
    void ackWithAnotherAccessNumberDoesNotAcknowledgeTheCommand() {
        CompletableFuture<WirelessFrame> f = link.submit(GAS, control("readout list", ConfigurationWord.NONE));
        scheduler.runDue();
        meterSends(SND_NR, 0x7A, 1, CW_SND_NR);
        int acc = radio.sent.get(0).accessNumber();
        scheduler.advance(Duration.ofSeconds(5));
        meterSends(ACK, 0x8A, (acc + 1) & 0xFF, CW_ACK);
        assertFalse(f.isDone());
        assertEquals(1, link.statistics().missingReplies());
        assertEquals(0x5B, radio.sent.get(1).c(), "P2 §5.2: REQ_UD2 before the repetition");
        assertEquals(0x80, radio.sent.get(1).ci());
    }

    @Test
    void unboundSenderOfSndIrBecomesACandidateAndIsNotAnswered() {
        ShortId newcomer = ShortId.of(76543210, ManufacturerCode.of("ITF"), 0x42, DeviceType.GAS);
        radio.deliver(ScriptedRadio.meterFrame(newcomer, 0x46, 0x7A, 9, 0x8000, new byte[0]), scheduler.now());
        scheduler.runDue();
        assertEquals(List.of(), radio.sent);
        assertEquals(1, link.installationCandidates().size());
        assertEquals(newcomer, link.installationCandidates().get(0).shortId());
        assertTrue(link.installationCandidates().get(0).equipmentIdDigits().isEmpty());
    }
}
