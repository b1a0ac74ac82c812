package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;
import org.slf4j.LoggerFactory;

/**
 * Issue 16 item 1: the wired M-Bus comes back by itself — a medium that fails, or is absent when the link is
 * opened, is reopened with a backoff; one log line per change of state; requests fail fast while it is down and
 * go through once it is back. Item 4: a stray frame that arrives byte by byte is one log line.
 */
class LinkRecoveryTest {

    private static final LinkSettings SETTINGS = LinkSettings.dsmr();

    /** A medium that can be unplugged: opening it fails while it is absent (as a vanished /dev/ttyUSB0 does). */
    private static final class Pluggable implements WiredTransport {
        final WiredTransport inner;
        final VirtualScheduler time;
        boolean present = true;
        final List<Long> openAttempts = new ArrayList<>();

        Pluggable(WiredTransport inner, VirtualScheduler time) {
            this.inner = inner;
            this.time = time;
        }

        @Override
        public void open(Receiver receiver) throws IOException {
            openAttempts.add(time.nanos());
            if (!present) {
                throw new IOException("no serial port /dev/ttyUSB0");
            }
            inner.open(receiver);
        }

        @Override
        public void send(byte[] bytes) throws IOException {
            inner.send(bytes);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public String describe() {
            return "pluggable";
        }
    }

    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-12-01T00:00:00Z"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger linkLogger = (Logger) LoggerFactory.getLogger(WiredLink.class);
    private final List<String> states = new ArrayList<>();
    private InMemoryTransport[] pair;
    private Pluggable medium;
    private WiredLink link;

    @BeforeEach
    void setUp() throws IOException {
        log.start();
        linkLogger.addAppender(log);
        linkLogger.setLevel(Level.INFO);
        pair = InMemoryTransport.pair(time);
        new ScriptedPeer(time, pair[1], SETTINGS).device(5, rspUd(5));
        medium = new Pluggable(pair[0], time);
        link = new WiredLink(medium, time, SETTINGS);
        link.addStateListener(new LinkStateListener() {
            @Override
            public void down(String reason) {
                states.add("down at " + time.nanos() + ": " + reason);
            }

            @Override
            public void up(Duration downFor) {
                states.add("up after " + downFor.toMillis() + " ms");
            }
        });
    }

    @AfterEach
    void tearDown() {
        linkLogger.detachAppender(log);
        linkLogger.setLevel(null);
    }

    private static LongFrame rspUd(int address) {
        return new LongFrame(CField.of(0x08), address, 0x72, new byte[] {0x12, 0x34, 0x56, 0x78, (byte) 0xB4, 0x09, 0x01,
                0x03, 0x01, 0x00, 0x00, 0x00});
    }

    private List<String> lines() {
        synchronized (log) { // other threads append while the test reads (AppenderBase.doAppend holds it)
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private void advance(Duration d) {
        time.advance(d);
    }

    @Test
    void aPortAbsentAtStartIsOpenedByTheLinkItselfWhenItAppearsWithOneLineDownAndOneLineUp() throws Exception {
        medium.present = false;
        CompletableFuture<Void> open = link.open();
        time.runDue();
        ExecutionException e = assertThrows(ExecutionException.class, open::get);
        LinkException le = assertInstanceOf(LinkException.class, e.getCause());
        assertEquals(LinkException.Kind.TRANSPORT_FAILED, le.kind());
        assertTrue(le.getMessage().contains("reopens it by itself"), le.getMessage());

        advance(Duration.ofSeconds(20)); // still absent: attempts at 0.5, 1.5, 3.5, 7.5, 15.5 s, no line each
        assertEquals(6, medium.openAttempts.size(), "the first open and five with backoff: " + medium.openAttempts);
        assertEquals(List.of(0L, 500_000_000L, 1_500_000_000L, 3_500_000_000L, 7_500_000_000L, 15_500_000_000L),
                medium.openAttempts);
        assertFalse(link.isUp());
        CompletableFuture<LongFrame> whileDown = link.reqUd2(5);
        time.runDue();
        LinkException fast = assertInstanceOf(LinkException.class, assertThrows(ExecutionException.class, whileDown::get)
                .getCause());
        assertEquals(LinkException.Kind.TRANSPORT_FAILED, fast.kind(), "fails at once while down");

        medium.present = true; // the USB converter enumerated
        advance(Duration.ofSeconds(16)); // the next attempt is at 31.5 s
        assertTrue(link.isUp());
        CompletableFuture<LongFrame> read = link.reqUd2(5);
        time.runUntilIdle(Duration.ofMinutes(1));
        assertEquals(rspUd(5), read.get());
        assertEquals(2, states.size(), states.toString());
        assertTrue(states.get(1).startsWith("up after 31500"), states.toString());
        assertEquals(2, lines().size(), "one line down, one line up: " + lines());
        assertTrue(lines().get(0).contains("is down") && lines().get(0).contains("no serial port"), lines().get(0));
        assertTrue(lines().get(1).contains("open again after 31.5 s down (6 attempt(s)"), lines().get(1));
    }

    @Test
    void aMediumThatFailsWhileOpenIsReopenedAndRequestsGoThroughAgainWithoutAnyCall() throws Exception {
        link.open();
        time.runDue();
        assertTrue(link.isUp());
        log.list.clear();
        medium.present = false;
        pair[1].failPeer(new IOException("serial port /dev/ttyUSB0 failed: was the converter unplugged?"));
        time.runDue();
        assertFalse(link.isUp());
        assertEquals(1, link.statistics().transportFailures());
        advance(Duration.ofMinutes(10)); // backoff up to every 30 s: still one line
        assertEquals(1, lines().size(), lines().toString());
        int attempts = medium.openAttempts.size();
        assertTrue(attempts < 30, "backed off to at most one attempt per 30 s: " + attempts);

        medium.present = true;
        advance(Duration.ofSeconds(30)); // at most the longest backoff
        assertTrue(link.isUp());
        CompletableFuture<LongFrame> read = link.reqUd2(5);
        time.runUntilIdle(Duration.ofMinutes(1));
        assertEquals(rspUd(5), read.get());
        assertEquals(2, lines().size(), lines().toString());
        assertEquals(2, states.size(), states.toString());
    }

    @Test
    void closingStopsTheReopening() {
        medium.present = false;
        link.open();
        time.runDue();
        link.close();
        time.runDue();
        int attempts = medium.openAttempts.size();
        medium.present = true;
        advance(Duration.ofMinutes(5));
        assertEquals(attempts, medium.openAttempts.size(), "no attempt after close");
        assertFalse(link.isUp());
    }

    @Test
    void aStrayFrameArrivingByteByByteIsOneLogLineWithItsCount() throws IOException {
        link.open();
        time.runDue();
        log.list.clear();
        // a 76-byte frame on a serial port: each byte its own read, 11 bit times apart (issue 16: 76 WARN lines)
        for (int i = 0; i < 76; i++) {
            pair[1].send(new byte[] {(byte) i});
            advance(SETTINGS.transmissionTime(1));
        }
        advance(Duration.ofSeconds(1));
        assertEquals(1, lines().size(), lines().toString());
        assertTrue(lines().get(0).contains("76 byte(s) arrived while no answer was awaited"), lines().get(0));
        assertEquals(76, link.statistics().unsolicitedBytes());

        // the same again and again: summarised, the 10th with its count
        for (int n = 2; n <= 10; n++) {
            pair[1].send(new byte[] {0x10, 0x40});
            advance(Duration.ofSeconds(1));
        }
        assertEquals(2, lines().size(), lines().toString());
        assertTrue(lines().get(1).contains("(10 times so far)"), lines().get(1));
    }
}
