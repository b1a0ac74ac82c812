package org.p2gate.mbus.wired;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WiredStreamParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EN 13757-2 request/answer exchanges of a {@link WiredLink}: one request on the wire at a time, first in
 * first out, each attempt in its timing window (see {@link WiredLink}), repeated after a missing, invalid or
 * colliding answer. Worker only: every method runs in a task of the link's scheduler.
 */
final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(WiredLink.class);

    /** How many answer bytes one attempt keeps: two maximum frames are more than any single answer. */
    private static final int MAX_ANSWER_BYTES = 2 * WiredFrame.MAX_LENGTH;

    private final WiredTransport transport;
    private final Scheduler scheduler;
    private final LinkSettings settings;
    private final LinkCounters counters;
    private final Medium medium;
    private final Supplier<String> describe;
    private final WiredStreamParser parser = new WiredStreamParser(new ParserEvents());
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private final StrayBytes stray;

    // everything below: touched only in the scheduler's tasks
    private Exchange current;
    private int attempt;
    private long attemptId;
    private long requestEnd;
    private long deadline;
    private Scheduler.Scheduled answerTimer;
    private Scheduler.Scheduled silenceTimer;
    /** How many bytes of the request were echoed so far; -1 once the bytes are known not to be (or were) an echo. */
    private int echoMatched;
    /** Bytes received in this attempt after the echo, up to {@link #MAX_ANSWER_BYTES}. */
    private final byte[] answer = new byte[MAX_ANSWER_BYTES];
    private int answerLength;
    /** Index in {@link #answer} of the first start byte (10h, 68h, E5h), or -1. */
    private int answerStart;
    private boolean attemptDone;
    /** Non-echo bytes that arrived before the request had left in this attempt. */
    private int staleBytes;
    /** When the last character arrived on the line (scheduler nanos); the next frame leaves a line idle after it. */
    private long lastByteArrival = Long.MIN_VALUE / 2;
    /** When the current exchange started waiting for the line to be idle, or -1. */
    private long idleWaitStart = -1;

    Exchanges(WiredTransport transport, Scheduler scheduler, LinkSettings settings, LinkCounters counters,
            Medium medium, Supplier<String> describe) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.settings = settings;
        this.counters = counters;
        this.medium = medium;
        this.describe = describe;
        this.stray = new StrayBytes(scheduler, settings, counters, describe);
    }

    private String describe() {
        return describe.get();
    }

    /** Queues {@code e}, or fails it at once if the medium is not open (worker only). */
    void enqueue(Exchange e) {
        if (!medium.isUp()) {
            LinkException.Kind kind = medium.isFailed() ? LinkException.Kind.TRANSPORT_FAILED : LinkException.Kind.CLOSED;
            e.result.completeExceptionally(new LinkException(kind, e.address, e + " not sent: " + medium.downReason()
                    + (kind == LinkException.Kind.TRANSPORT_FAILED ? "; the link reopens it by itself" : "")));
            counters.requests++;
            return;
        }
        queue.add(e);
        if (current == null) {
            startNext();
        }
    }

    private void startNext() {
        while (current == null && !queue.isEmpty()) {
            Exchange e = queue.poll();
            if (e.result.isDone()) {
                continue; // cancelled by the caller while queued
            }
            current = e;
            attempt = 1;
            sendAttempt();
        }
    }

    private void sendAttempt() {
        Exchange e = current;
        if (waitForIdleLine(e)) {
            return;
        }
        long id = ++attemptId;
        stray.report();
        cancelTimers();
        parser.reset();
        echoMatched = 0;
        answerLength = 0;
        answerStart = -1;
        attemptDone = false;
        staleBytes = 0;
        counters.attempts++;
        long sentAt = scheduler.nanos();
        try {
            transport.send(e.wire);
        } catch (IOException | RuntimeException ex) {
            transportFailed(ex);
            return;
        }
        requestEnd = sentAt + settings.bitNanos((long) e.wire.length * LinkSettings.BITS_PER_CHARACTER);
        deadline = requestEnd + settings.answerTimeout().toNanos();
        // fires 1 ns after the last allowed moment (the scheduler's resolution): a byte arriving exactly at
        // the deadline is still taken
        answerTimer = scheduler.schedule(Duration.ofNanos(deadline + 1 - sentAt), () -> answerTimedOut(id));
    }

    /**
     * IEC 60870-5-1 FT1.2 (EN 13757-2): a frame follows the last character on the line only after
     * {@link LinkSettings#interFrameIdle()}. True if the attempt was put off until then (worker only). A line that
     * never falls idle puts a request off for at most the answer timeout: then it goes out anyway (and meets the
     * noise's fate).
     */
    private boolean waitForIdleLine(Exchange e) {
        long now = scheduler.nanos();
        long wait = lastByteArrival + settings.interFrameIdle().toNanos() - now;
        if (idleWaitStart < 0) {
            idleWaitStart = now;
        }
        if (wait <= 0 || now - idleWaitStart > settings.answerTimeout().toNanos()) {
            idleWaitStart = -1;
            return false;
        }
        long id = ++attemptId;
        cancelTimers();
        answerTimer = scheduler.schedule(Duration.ofNanos(wait), () -> {
            if (id == attemptId && current == e) {
                answerTimer = null;
                sendAttempt();
            }
        });
        return true;
    }

    // ---- receiving (worker only)

    /** Bytes from the open medium, the last at {@code arrival} (worker only). */
    void received(byte[] bytes, long arrival) {
        lastByteArrival = Math.max(lastByteArrival, arrival);
        int i = 0;
        if (current != null && !attemptDone) {
            for (; i < bytes.length && !attemptDone; i++) {
                accept(bytes[i], arrival);
            }
        }
        if (i < bytes.length) {
            stray.arrived(bytes.length - i, arrival);
        }
        if (current != null && !attemptDone && (answerStart >= 0 || echoMatched > 0)) {
            // EN 60870-5-1 FT1.2 via EN 13757-2: no idle time inside a frame; tolerance: settings.interByteTimeout()
            long id = attemptId;
            if (silenceTimer != null) {
                silenceTimer.cancel();
            }
            long limit = settings.interByteLimit().toNanos();
            long now = scheduler.nanos();
            silenceTimer = scheduler.schedule(Duration.ofNanos(Math.max(0, arrival + limit + 1 - now)), () -> silence(id));
        }
    }

    /** One received byte of the current attempt. */
    private void accept(byte b, long arrival) {
        byte[] request = current.wire;
        if (echoMatched >= 0) {
            if (b == request[echoMatched]) {
                // some level converters echo the master's bytes: recognise the whole request and drop it
                if (++echoMatched == request.length) {
                    echoMatched = -1;
                    counters.echoes++;
                    LOG.debug("{}: echo of {} dropped", describe(), current);
                }
                return;
            }
            int held = echoMatched;
            echoMatched = -1;
            for (int k = 0; k < held && !attemptDone; k++) {
                take(request[k], arrival);
            }
            if (attemptDone) {
                return;
            }
        }
        take(b, arrival);
    }

    private void take(byte b, long arrival) {
        if (arrival < requestEnd && answerStart < 0) {
            // EN 13757-2: no answer can start before the request has left (plus 11 bit times): a late answer
            // to the previous attempt or line noise while the master transmits
            staleBytes++;
            return;
        }
        if (answerLength < MAX_ANSWER_BYTES) {
            answer[answerLength] = b;
        }
        int index = answerLength++;
        if (answerStart < 0 && isStartByte(b)) {
            answerStart = index;
            if (answerTimer != null) {
                answerTimer.cancel();
                answerTimer = null;
            }
        }
        parser.feed(b);
        if (!attemptDone && answerLength > MAX_ANSWER_BYTES) {
            endAttempt(LinkException.Kind.COLLISION, null,
                    "more than " + MAX_ANSWER_BYTES + " bytes without a valid answer: several devices answering");
        }
    }

    private static boolean isStartByte(byte b) {
        int v = b & 0xFF;
        return v == WiredFrame.SHORT_START || v == WiredFrame.LONG_START || v == WiredFrame.SINGLE_CHARACTER;
    }

    private final class ParserEvents implements WiredStreamParser.Listener {
        @Override
        public void frame(WiredFrame frame) {
            if (current == null || attemptDone) {
                return;
            }
            if (current.isAnswer(frame)) {
                int noise = answerLength - frame.encodedLength() + staleBytes;
                if (noise > 0) {
                    counters.noiseBytes += noise;
                    LOG.debug("{}: {} byte(s) of noise before the answer to {} skipped", describe(), noise, current);
                }
                succeed(frame);
            }
            // anything else is judged when the line falls silent (see silence())
        }

        @Override
        public void noise(int count) {
            // counted from the answer bytes when the attempt ends
        }

        @Override
        public void invalid(DecodeException error) {
            LOG.debug("{}: invalid bytes in the answer to {}: {}", describe(), current, error.getMessage());
        }
    }

    private void answerTimedOut(long id) {
        if (id != attemptId || attemptDone || current == null) {
            return;
        }
        answerTimer = null;
        if (answerStart >= 0) {
            return; // an answer started: the silence timer decides
        }
        int noise = staleBytes + answerLength + Math.max(echoMatched, 0);
        String detail = noise > 0 ? " (only " + noise + " byte(s) of noise)" : "";
        endAttempt(LinkException.Kind.NO_ANSWER, null, "no answer within "
                + WiredLink.millis(settings.answerTimeout()) + " ms of the request's end" + detail);
    }

    /** The line was idle longer than the inter-byte limit after bytes of an answer (or an echo) arrived. */
    private void silence(long id) {
        if (id != attemptId || attemptDone || current == null) {
            return;
        }
        silenceTimer = null;
        if (echoMatched > 0) {
            // a partial echo, then silence: the converter cut its echo short
            int held = echoMatched;
            echoMatched = -1;
            for (int k = 0; k < held && !attemptDone; k++) {
                take(current.wire[k], Long.MAX_VALUE);
            }
            if (attemptDone) {
                return;
            }
        }
        if (answerStart < 0) {
            return; // only noise so far: keep waiting for an answer until the deadline
        }
        classifyFailedAnswer();
    }

    /** The answer started but no valid expected frame came: {@link FailedAnswer} decides what went wrong. */
    private void classifyFailedAnswer() {
        FailedAnswer failure = FailedAnswer.classify(answer, answerStart,
                Math.min(answerLength, MAX_ANSWER_BYTES) - answerStart, current, settings, counters);
        endAttempt(failure.kind(), failure.reason(), failure.what());
    }

    // ---- ending attempts and requests

    private void succeed(WiredFrame frame) {
        Exchange e = current;
        attemptDone = true;
        counters.answers++;
        finish();
        e.result.complete(frame);
        startNext();
    }

    private void endAttempt(LinkException.Kind kind, Reason reason, String what) {
        Exchange e = current;
        attemptDone = true;
        switch (kind) {
            case NO_ANSWER -> counters.noAnswers++;
            case INVALID_ANSWER -> counters.invalidAnswers++;
            case COLLISION -> counters.collisions++;
            default -> { }
        }
        countLeftoverNoise();
        boolean repeat = e.repeatable && attempt <= settings.retries()
                && (kind != LinkException.Kind.NO_ANSWER || e.retryOnSilence);
        if (repeat) {
            // the repetition is counted (statistics), the outcome logged by the caller: one line per event (issue 16)
            LOG.debug("{}: {} (attempt {} of {}): {}; repeating", describe(), e, attempt, settings.retries() + 1, what);
            attempt++;
            sendAttempt();
            return;
        }
        String message = what(kind) + " from address " + e.address + " to " + e.name + " after " + attempt
                + (attempt == 1 ? " attempt" : " attempts") + ": " + what;
        // the caller gets the failure and reports it: logged here only for debugging (issue 16: once, not thrice)
        LOG.debug("{}: {}", describe(), message);
        finish();
        e.result.completeExceptionally(new LinkException(kind, e.address, reason, message, null));
        startNext();
    }

    private static String what(LinkException.Kind kind) {
        return switch (kind) {
            case NO_ANSWER -> "no answer";
            case INVALID_ANSWER -> "invalid answer";
            case COLLISION -> "collision";
            case TRANSPORT_FAILED -> "transport failed";
            case CLOSED -> "link closed";
        };
    }

    /** Bytes before the first start byte of a failed attempt are noise. */
    private void countLeftoverNoise() {
        int noise = staleBytes + (answerStart >= 0 ? answerStart : Math.min(answerLength, MAX_ANSWER_BYTES));
        if (noise > 0) {
            counters.noiseBytes += noise;
            LOG.debug("{}: {} byte(s) of noise in an attempt of {}", describe(), noise, current);
        }
    }

    private void finish() {
        idleWaitStart = -1;
        cancelTimers();
        parser.reset();
        counters.requests++;
        current = null;
    }

    private void cancelTimers() {
        if (answerTimer != null) {
            answerTimer.cancel();
            answerTimer = null;
        }
        if (silenceTimer != null) {
            silenceTimer.cancel();
            silenceTimer = null;
        }
    }

    /** The open medium failed (worker only): every request fails, and the medium is reopened. */
    void transportFailed(Throwable cause) {
        if (!medium.isUp()) {
            return;
        }
        counters.transportFailures++;
        String downReason = medium.lost(cause);
        failAll(LinkException.Kind.TRANSPORT_FAILED, downReason + "; the link reopens it by itself", cause);
        medium.wentDown();
    }

    /** Fails the request on the wire and the queued ones (worker only). */
    void failAll(LinkException.Kind kind, String why, Throwable cause) {
        if (current != null) {
            Exchange e = current;
            attemptDone = true;
            finish();
            e.result.completeExceptionally(new LinkException(kind, e.address, null, e + " failed: " + why, cause));
        }
        Exchange e;
        while ((e = queue.poll()) != null) {
            counters.requests++;
            e.result.completeExceptionally(new LinkException(kind, e.address, null, e + " not sent: " + why, cause));
        }
    }
}
