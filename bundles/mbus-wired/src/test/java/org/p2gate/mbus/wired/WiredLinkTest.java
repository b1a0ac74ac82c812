package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.wired.ScriptedPeer.Reply;

class WiredLinkTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final LinkSettings SETTINGS = LinkSettings.dsmr().withInterByteTimeout(Duration.ofMillis(10));

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2024-01-01T00:00:00Z"));
    private InMemoryTransport[] pair;
    private ScriptedPeer peer;
    private WiredLink link;

    @BeforeEach
    void openLink() throws Exception {
        pair = InMemoryTransport.pair(scheduler);
        peer = new ScriptedPeer(scheduler, pair[1], SETTINGS);
        link = new WiredLink(pair[0], scheduler, SETTINGS);
        CompletableFuture<Void> opened = link.open();
        scheduler.runDue();
        opened.get();
    }

    /** A DSMR RSP_UD (P2 §4.3.2): C 08h, CI 72h, 12-byte long header, one record; the link does not read it. */
    private static LongFrame rspUd(int address, int id) {
        byte[] data = HEX.parseHex("00000000" + "2D2C" + "42" + "03" + "1A" + "00" + "0000" + "0C13" + "78563412");
        data[0] = (byte) id;
        return new LongFrame(CField.of(0x08), address, 0x72, data);
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    /** One attempt that meets silence: the request (5 bytes), the longest wait, and the 1 ns resolution. */
    private static long silentAttemptNanos(int requestBytes) {
        return SETTINGS.transmissionTime(requestBytes).plus(SETTINGS.answerTimeout()).toNanos() + 1;
    }

    private static LinkException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        return assertInstanceOf(LinkException.class, e.getCause());
    }

    private void run() {
        scheduler.runUntilIdle(Duration.ofHours(1));
    }

    // ---- operations

    @Test
    void sndNkeSendsShortFrame40hAndCompletesOnE5() throws Exception {
        peer.device(5, rspUd(5, 1));
        CompletableFuture<Void> done = link.sndNke(5);
        run();
        done.get();
        assertArrayEquals(bytes("10 40 05 45 16"), peer.requests().get(0).bytes());
        LinkStatistics s = link.statistics();
        assertEquals(1, s.requests());
        assertEquals(1, s.attempts());
        assertEquals(1, s.answers());
    }

    @Test
    void reqUd2SendsShortFrame5BhAndReturnsTheRspUdUninterpreted() throws Exception {
        LongFrame rsp = rspUd(7, 0x42);
        peer.device(7, rsp);
        CompletableFuture<LongFrame> answer = link.reqUd2(7);
        run();
        assertEquals(rsp, answer.get());
        // P2 §3.1.2: the FCB is ignored, so REQ_UD2 goes out as 5Bh (FCB = 0, FCV = 1) every time
        assertArrayEquals(bytes("10 5B 07 62 16"), peer.requests().get(0).bytes());
    }

    @Test
    void sndUdSendsLongFrame53hWithTheCiAndDataAndCompletesOnE5() throws Exception {
        peer.device(3, rspUd(3, 1));
        CompletableFuture<Void> done = link.sndUd(3, 0x5A, bytes("1A 00 0000 2F2F"));
        run();
        done.get();
        // 68 L L 68 53 03 5A data CS 16, L = 3 + 6 data bytes
        byte[] sent = peer.requests().get(0).bytes();
        assertEquals("6809096853035a1a0000002f2f", HEX.formatHex(sent, 0, sent.length - 2));
        assertEquals((0x53 + 0x03 + 0x5A + 0x1A + 0x2F + 0x2F) & 0xFF, sent[sent.length - 2] & 0xFF);
    }

    @Test
    void setPrimaryAddressSendsSndUdCi51WithDif01Vif7AAndTheNewAddress() throws Exception {
        peer.device(0, rspUd(0, 1));
        CompletableFuture<Void> done = link.setPrimaryAddress(0, 9);
        run();
        done.get();
        // P2 §4.3.5 / §6.2.2: 68 06 06 68 53 00 51 01 7A 09 CS 16
        int cs = (0x53 + 0x00 + 0x51 + 0x01 + 0x7A + 0x09) & 0xFF;
        assertArrayEquals(bytes("68060668530051017A09" + String.format("%02X", cs) + "16"), peer.requests().get(0).bytes());
    }

    @Test
    void addressesOutsideZeroTo250AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> link.sndNke(253));
        assertThrows(IllegalArgumentException.class, () -> link.reqUd2(-1));
        assertThrows(IllegalArgumentException.class, () -> link.setPrimaryAddress(0, 0));
    }

    // ---- timing

    @Test
    void answerAtTheEarliestAllowedMomentIsAccepted() throws Exception {
        peer.script(5, List.of(Reply.of(0xE5).startingAfter(SETTINGS.earliestAnswerStart())));
        CompletableFuture<Void> done = link.sndNke(5);
        run();
        done.get();
        assertEquals(1, link.statistics().attempts());
    }

    @Test
    void answerWhoseFirstByteArrivesAtTheDeadlineIsAccepted() throws Exception {
        // starts at the latest allowed moment, 330 bit times + 50 ms after the request; its first byte is
        // through 11 bit times later, exactly when the link's wait ends
        peer.script(5, List.of(Reply.of(rspUd(5, 1).encode()).startingAfter(SETTINGS.latestAnswerStart())));
        CompletableFuture<LongFrame> answer = link.reqUd2(5);
        scheduler.advance(SETTINGS.transmissionTime(5).plus(SETTINGS.answerTimeout()));
        assertFalse(answer.isDone(), "still receiving the frame");
        assertEquals(1, link.statistics().attempts());
        run();
        assertEquals(rspUd(5, 1), answer.get());
        assertEquals(1, link.statistics().attempts());
        assertEquals(0, link.statistics().noAnswers());
    }

    @Test
    void answerOneMicrosecondTooLateIsNoAnswerAndTheRequestIsRepeatedTwice() {
        Duration tooLate = SETTINGS.latestAnswerStart().plusNanos(1_000);
        List<Reply> late = List.of(Reply.of(0xE5).startingAfter(tooLate));
        peer.script(5, late, late, late);
        CompletableFuture<Void> done = link.sndNke(5);
        run();
        LinkException e = failure(done);
        assertEquals(LinkException.Kind.NO_ANSWER, e.kind());
        assertEquals(5, e.address());
        assertTrue(e.getMessage().contains("address 5") && e.getMessage().contains("3 attempts"), e.getMessage());
        // attempts at 0, T, 2T: each waits for the request to leave plus 330 + 11 bit times + 50 ms, no more
        long t = silentAttemptNanos(5);
        assertEquals(List.of(0L, t, 2 * t), peer.requests().stream().map(ScriptedPeer.Request::at).toList());
        assertEquals(t, 142_083_334L + 50_000_000L + 22_916_667L + 1);
        LinkStatistics s = link.statistics();
        assertEquals(3, s.attempts());
        assertEquals(3, s.noAnswers());
        assertEquals(0, s.answers());
        // the late E5 of attempts 1 and 2 arrived while the repetition was still on the wire: not taken as its answer
        assertEquals(2, s.noiseBytes());
        assertEquals(1, s.unsolicitedBytes());
    }

    @Test
    void theFailureComesExactlyAfterThreeFullWaits() {
        CompletableFuture<Void> done = link.sndNke(44);
        long t = silentAttemptNanos(5);
        scheduler.advance(Duration.ofNanos(3 * t - 1));
        assertFalse(done.isDone());
        scheduler.advance(Duration.ofNanos(1));
        assertEquals(LinkException.Kind.NO_ANSWER, failure(done).kind());
    }

    @Test
    void retriesAreConfigurable() {
        link = new WiredLink(pair[0], scheduler, SETTINGS.withRetries(0));
        link.open();
        scheduler.runDue();
        CompletableFuture<Void> done = link.sndNke(44);
        run();
        assertEquals(LinkException.Kind.NO_ANSWER, failure(done).kind());
        assertEquals(1, peer.requests().size());
    }

    // ---- robust receive

    @Test
    void noiseBeforeTheStartByteIsSkippedAndCounted() throws Exception {
        peer.script(8, List.of(Reply.of(rspUd(8, 1).encode()).preceededBy(0x00, 0xFF, 0x55)));
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        assertEquals(rspUd(8, 1), answer.get());
        assertEquals(3, link.statistics().noiseBytes());
        assertEquals(1, link.statistics().attempts());
    }

    @Test
    void anEchoOfTheRequestIsRecognisedAndDropped() throws Exception {
        peer.echoing().device(8, rspUd(8, 1));
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        CompletableFuture<Void> ack = link.sndUd(8, 0x51, bytes("01FD9706 73"));
        run();
        assertEquals(rspUd(8, 1), answer.get());
        ack.get();
        LinkStatistics s = link.statistics();
        assertEquals(2, s.echoes());
        assertEquals(2, s.attempts());
        assertEquals(0, s.noiseBytes());
        assertEquals(0, s.invalidAnswers());
    }

    @Test
    void aGapInsideTheAnswerTruncatesItAndTheRequestIsRepeated() throws Exception {
        Duration tooLong = SETTINGS.interByteTimeout().plusNanos(1_000);
        Reply good = Reply.of(rspUd(8, 1).encode());
        // the device goes on after its pause, over the master's repetition; it answers that one late
        peer.script(8, List.of(good.withGapAfter(9, tooLong)), List.of(good.startingAfter(SETTINGS.latestAnswerStart())));
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        assertEquals(rspUd(8, 1), answer.get());
        LinkStatistics s = link.statistics();
        assertEquals(2, s.attempts());
        assertEquals(1, s.truncated());
        assertEquals(1, s.invalidAnswers());
        // the rest of the paused frame: no start byte in it, so it is noise before the second answer
        assertEquals(rspUd(8, 1).encodedLength() - 10, s.noiseBytes());
    }

    @Test
    void aGapUpToTheInterByteTimeoutIsTolerated() throws Exception {
        peer.script(8, List.of(Reply.of(rspUd(8, 1).encode()).withGapAfter(9, SETTINGS.interByteTimeout())));
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        assertEquals(rspUd(8, 1), answer.get());
        assertEquals(1, link.statistics().attempts());
        assertEquals(0, link.statistics().truncated());
    }

    @Test
    void aTruncatedAnswerOnEveryAttemptFailsWithReasonTruncated() {
        List<Reply> cut = List.of(Reply.of(rspUd(8, 1).encode()).firstBytes(12));
        peer.script(8, cut, cut, cut);
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        LinkException e = failure(answer);
        assertEquals(LinkException.Kind.INVALID_ANSWER, e.kind());
        assertEquals(Optional.of(Reason.TRUNCATED), e.reason());
        assertEquals(3, link.statistics().truncated());
    }

    @Test
    void aWrongChecksumIsAnInvalidAnswerAndAGoodRetryIsAccepted() throws Exception {
        byte[] good = rspUd(8, 1).encode();
        Reply bad = Reply.of(good).withByte(good.length - 2, (good[good.length - 2] + 1) & 0xFF);
        peer.script(8, List.of(bad), List.of(Reply.of(good)));
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        assertEquals(rspUd(8, 1), answer.get());
        LinkStatistics s = link.statistics();
        assertEquals(2, s.attempts());
        assertEquals(1, s.badChecksums());
        assertEquals(1, s.invalidAnswers());
        assertEquals(0, s.collisions());
    }

    @Test
    void aWrongChecksumOnEveryAttemptFailsWithReasonBadChecksum() {
        byte[] good = rspUd(8, 1).encode();
        List<Reply> bad = List.of(Reply.of(good).withByte(good.length - 2, (good[good.length - 2] + 1) & 0xFF));
        peer.script(8, bad, bad, bad);
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        LinkException e = failure(answer);
        assertEquals(LinkException.Kind.INVALID_ANSWER, e.kind());
        assertEquals(Optional.of(Reason.BAD_CHECKSUM), e.reason());
        assertTrue(e.getMessage().contains("address 8"), e.getMessage());
    }

    @Test
    void anE5WhereRspUdWasExpectedIsAnInvalidAnswer() {
        List<Reply> ack = List.of(Reply.of(0xE5));
        peer.script(8, ack, ack, ack);
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        LinkException e = failure(answer);
        assertEquals(LinkException.Kind.INVALID_ANSWER, e.kind());
        assertTrue(e.getMessage().contains("RSP_UD"), e.getMessage());
    }

    @Test
    void twoDevicesAnsweringAtOnceAreAClassifiedAsCollision() {
        // two devices at address 8 with RSP_UDs of different length: the wire ANDs them
        LongFrame shorter = rspUd(8, 1);
        byte[] longerData = new byte[shorter.dataLength() + 6];
        System.arraycopy(shorter.data(), 0, longerData, 0, shorter.dataLength());
        LongFrame longer = new LongFrame(CField.of(0x08), 8, 0x72, longerData);
        peer.device(8, shorter).device(8, longer);
        CompletableFuture<LongFrame> answer = link.reqUd2(8);
        run();
        LinkException e = failure(answer);
        assertEquals(LinkException.Kind.COLLISION, e.kind());
        assertEquals(3, link.statistics().collisions());
        assertEquals(0, link.statistics().answers());

        // the link recovers: the next request to a healthy device goes through
        peer.device(9, rspUd(9, 2));
        CompletableFuture<LongFrame> next = link.reqUd2(9);
        run();
        assertEquals(rspUd(9, 2), next.join());
    }

    @Test
    void aTransportFailureFailsThePendingRequestAndTheLinkRecoversWhenReopened() throws Exception {
        peer.device(5, rspUd(5, 1));
        CompletableFuture<Void> pending = link.sndNke(6); // nobody at 6: still waiting when the cable goes
        scheduler.advance(Duration.ofMillis(40));
        pair[1].failPeer(new IOException("cable unplugged"));
        CompletableFuture<Void> queued = link.sndNke(5);
        scheduler.runDue();
        LinkException e = failure(pending);
        assertEquals(LinkException.Kind.TRANSPORT_FAILED, e.kind());
        assertTrue(e.getMessage().contains("cable unplugged"), e.getMessage());
        assertEquals(LinkException.Kind.TRANSPORT_FAILED, failure(queued).kind());
        assertEquals(1, link.statistics().transportFailures());

        link.open();
        scheduler.runDue();
        CompletableFuture<Void> again = link.sndNke(5);
        run();
        again.get();
    }

    @Test
    void closingFailsTheQueuedRequestsWithClosed() {
        CompletableFuture<Void> first = link.sndNke(6);
        CompletableFuture<Void> second = link.sndNke(7);
        scheduler.runDue();
        link.close();
        run();
        assertEquals(LinkException.Kind.CLOSED, failure(first).kind());
        assertEquals(LinkException.Kind.CLOSED, failure(second).kind());
        CompletableFuture<Void> after = link.sndNke(7);
        run();
        assertEquals(LinkException.Kind.CLOSED, failure(after).kind());
    }

    // ---- queueing

    @Test
    void requestsAreServedOneAtATimeInFifoOrder() throws Exception {
        peer.device(1, rspUd(1, 1)).device(2, rspUd(2, 2));
        List<String> completed = new ArrayList<>();
        CompletableFuture<Void> a = link.sndNke(1).thenRun(() -> completed.add("nke 1 at " + scheduler.nanos()));
        CompletableFuture<Void> b = link.reqUd2(2).thenAccept(f -> completed.add("ud2 2 at " + scheduler.nanos()));
        CompletableFuture<Void> c = link.sndNke(44).exceptionally(x -> null).thenRun(() -> completed.add("nke 44 at " + scheduler.nanos()));
        run();
        a.get();
        b.get();
        c.get();
        List<ScriptedPeer.Request> sent = peer.requests();
        assertEquals(List.of(1, 2, 44, 44, 44), sent.stream().map(ScriptedPeer.Request::address).toList());
        // each request is sent when the previous one has completed and the line was idle 33 bit times
        // (IEC 60870-5-1 FT1.2 line idle between frames, issue 16), not before
        long idle = SETTINGS.interFrameIdle().toNanos();
        assertEquals(List.of("nke 1 at " + (sent.get(1).at() - idle), "ud2 2 at " + (sent.get(2).at() - idle),
                "nke 44 at " + (sent.get(2).at() + 3 * silentAttemptNanos(5))), completed);
        // E5h is through 11 + 11 bit times after the request's end; the next request 33 bit times after it
        assertEquals(SETTINGS.transmissionTime(5).plus(SETTINGS.earliestAnswerStart()).plus(SETTINGS.transmissionTime(1))
                .plus(SETTINGS.interFrameIdle()).toNanos(), sent.get(1).at());
    }

    @Test
    void theNextFrameLeavesThirtyThreeBitTimesOfLineIdleAfterTheLastCharacterIncludingAStrayFrame() throws Exception {
        // IEC 60870-5-1 FT1.2 (the frames of EN 13757-2): frames are separated by >= 33 bit times of line idle
        assertEquals(33, LinkSettings.INTER_FRAME_IDLE_BITS);
        assertEquals(13_750_000, SETTINGS.interFrameIdle().toNanos(), "33 bits at 2400 baud");
        peer.device(1, rspUd(1, 1));
        link.reqUd2(1);
        run();
        long answerEnd = scheduler.nanos();
        // a stray frame on the line 5 ms after the answer: the next request waits 33 bit times after its last byte
        scheduler.advance(Duration.ofMillis(5));
        pair[1].send(new byte[] {0x10, 0x40, 0x07, 0x47, 0x16});
        scheduler.runDue();
        long strayEnd = scheduler.nanos();
        CompletableFuture<LongFrame> next = link.reqUd2(1);
        run();
        next.get();
        List<ScriptedPeer.Request> sent = peer.requests();
        long gap = sent.get(1).at() - strayEnd;
        assertTrue(gap >= SETTINGS.interFrameIdle().toNanos(), "gap " + gap + " ns after the stray frame");
        assertTrue(gap < SETTINGS.interFrameIdle().toNanos() + 1_000_000, "but not much more: " + gap);
        assertTrue(strayEnd > answerEnd);
    }

    // ---- scan

    @Test
    void scanOfZeroTo250FindsExactlyTheDevicesThereWithProgress() throws Exception {
        for (int address : new int[] {0, 5, 17, 250}) {
            peer.device(address, rspUd(address, address));
        }
        List<String> progress = new ArrayList<>();
        List<Integer> found = new ArrayList<>();
        CompletableFuture<ScanResult> scan = link.scan(0, 250, new ScanListener() {
            @Override
            public void probing(int address, int index, int total) {
                progress.add(address + ":" + index + "/" + total);
            }

            @Override
            public void found(FoundDevice device) {
                found.add(device.address());
            }
        });
        run();
        ScanResult result = scan.get();
        assertEquals(251, result.probed());
        assertEquals(List.of(0, 5, 17, 250), result.found().stream().map(FoundDevice::address).toList());
        assertEquals(rspUd(17, 17), result.found().get(2).response());
        assertEquals(List.of(0, 5, 17, 250), found);
        assertEquals(251, progress.size());
        assertEquals("0:1/251", progress.get(0));
        assertEquals("250:251/251", progress.get(250));
        assertEquals(List.of(), result.unreadable());
        // per address SND_NKE; REQ_UD2 only where E5h came back; no repetition of silent probes
        assertEquals(251 + 4, peer.requests().size());
    }

    @Test
    void scanWithNobodyAnsweringTakesOneRequestAndOneFullWaitPerAddress() throws Exception {
        CompletableFuture<ScanResult> scan = link.scan(0, 250, ScanListener.NONE);
        Duration elapsed = scheduler.runUntilIdle(Duration.ofHours(1));
        assertEquals(List.of(), scan.get().found());
        assertEquals(251 * silentAttemptNanos(5), elapsed.toNanos());
        assertEquals(251, peer.requests().size());
    }

    @Test
    void requestsQueuedDuringAScanAreServedBetweenProbes() throws Exception {
        peer.device(3, rspUd(3, 3));
        CompletableFuture<ScanResult> scan = link.scan(List.of(10, 11, 12), ScanListener.NONE);
        scheduler.runDue(); // the first probe (to 10) is on the wire
        CompletableFuture<LongFrame> read = link.reqUd2(3);
        run();
        assertEquals(rspUd(3, 3), read.get());
        scan.get();
        assertEquals(List.of(10, 3, 11, 12), peer.requests().stream().map(ScriptedPeer.Request::address).toList());
    }

    @Test
    void aScanReportsAnAddressWithCollidingDevicesAsUnreadable() throws Exception {
        LongFrame shorter = rspUd(4, 1);
        LongFrame longer = new LongFrame(CField.of(0x08), 4, 0x72, new byte[shorter.dataLength() + 4]);
        peer.device(4, shorter).device(4, longer);
        CompletableFuture<ScanResult> scan = link.scan(List.of(3, 4, 5), ScanListener.NONE);
        run();
        ScanResult result = scan.get();
        assertEquals(List.of(), result.found());
        assertEquals(1, result.unreadable().size());
        assertEquals(4, result.unreadable().get(0).address());
        assertEquals(LinkException.Kind.COLLISION, result.unreadable().get(0).kind());
    }

    @Test
    void aScanReportsADeviceThatAcknowledgesButNeverAnswersReqUd2AsUnreadable() throws Exception {
        peer.script(6, List.of(Reply.of(0xE5)), ScriptedPeer.SILENCE, ScriptedPeer.SILENCE, ScriptedPeer.SILENCE);
        CompletableFuture<ScanResult> scan = link.scan(List.of(6), ScanListener.NONE);
        run();
        ScanResult result = scan.get();
        assertEquals(List.of(), result.found());
        assertEquals(LinkException.Kind.NO_ANSWER, result.unreadable().get(0).kind());
        assertEquals(4, peer.requests().size(), "SND_NKE, then REQ_UD2 with its two repetitions");
    }

    @Test
    void cancellingAScanStopsItAtTheNextAddress() {
        CompletableFuture<ScanResult> scan = link.scan(0, 250, ScanListener.NONE);
        scheduler.advance(Duration.ofMillis(100)); // the first probe is on the wire
        scan.cancel(false);
        run();
        assertEquals(1, peer.requests().size());
    }
}
