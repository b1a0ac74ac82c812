package org.p2gate.mbus.wired;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WiredStreamParser;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master side of one wired M-Bus segment (EN 13757-2; DSMR P2 4.2.2 §2.1, §3.1, §4.3): callers queue
 * requests and get a {@link CompletableFuture}; one request is on the wire at a time, first in first out.
 *
 * <p>All state lives in tasks of the {@link Scheduler} the link is given (one worker: a
 * {@code SystemScheduler} in the gateway, a {@code VirtualScheduler} in tests); transport callbacks are
 * re-posted to it. The link never interprets application data: it checks only the link layer (frame
 * validity, E5h or RSP_UD from the addressed device).
 *
 * <p>Timing per attempt (times from the moment the request is handed to the transport):
 * <ul>
 * <li>the request's last bit leaves after {@code bytes × 11} bit times (P2 §3.1.4: 8E1);</li>
 * <li>EN 13757-2: the slave starts its answer 11 bit times to 330 bit times + 50 ms after that; the first
 *     character is complete 11 bit times after its start, so the link waits until
 *     {@link LinkSettings#answerTimeout()} after the request's end, inclusive, and not a nanosecond more;</li>
 * <li>inside a frame, an idle gap longer than {@link LinkSettings#interByteLimit()} ends it as truncated;</li>
 * <li>a missing, invalid or colliding answer is repeated up to {@link LinkSettings#retries()} times with the
 *     same bytes: P2 §3.1.2 says the FCB is ignored, so requests go out with FCB = 0 (REQ_UD2 5Bh, SND_UD
 *     53h) and a repetition is identical (for an EN 13757-2 slave that honours FCV = 1 it is a repeat).</li>
 * </ul>
 */
public final class WiredLink {

    private static final Logger LOG = LoggerFactory.getLogger(WiredLink.class);

    /** P2 4.2.2 §3.1.3: primary addresses 1..250; §8.3.1: 0 for unconfigured devices. */
    public static final int MAX_ADDRESS = 250;
    /** P2 4.2.2 §4.3.5, Table 5: SND_UD with CI 51h carries unencrypted records without a header. */
    public static final int CI_UNENCRYPTED = 0x51;
    /** How many answer bytes one attempt keeps: two maximum frames are more than any single answer. */
    /** EN 13757-2 FT1.2: 10h C A CS 16h. */
    private static final int SHORT_FRAME_LENGTH = 5;
    private static final int MAX_ANSWER_BYTES = 2 * WiredFrame.MAX_LENGTH;

    private enum State { CLOSED, OPEN, FAILED }

    private final WiredTransport transport;
    private final Scheduler scheduler;
    private final LinkSettings settings;
    private final LinkCounters counters = new LinkCounters();
    private final WiredStreamParser parser = new WiredStreamParser(new ParserEvents());
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private final ReopenBackoff backoff;
    private final List<LinkStateListener> listeners = new CopyOnWriteArrayList<>();

    // everything below: touched only in the scheduler's tasks
    private volatile State state = State.CLOSED; // written by the worker, read by isUp() from any thread
    private String downReason = "the link is not open";
    private int generation;
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
    /** While the medium is down: when it went down (scheduler nanos), the next attempt to reopen it and its delay. */
    private long downSince;
    private int reopenAttempts;
    private Duration reopenDelay;
    private Scheduler.Scheduled reopenTimer;
    /** Bytes that arrived while no answer was awaited, not yet reported; the timer that reports them once the line is idle. */
    private int strayBytes;
    private Scheduler.Scheduled strayTimer;
    private final Repeats repeats = new Repeats();
    /** When the last character arrived on the line (scheduler nanos); the next frame leaves a line idle after it. */
    private long lastByteArrival = Long.MIN_VALUE / 2;
    /** When the current exchange started waiting for the line to be idle, or -1. */
    private long idleWaitStart = -1;

    /** A link that reopens its medium with {@link ReopenBackoff#DEFAULT} after a failure. */
    public WiredLink(WiredTransport transport, Scheduler scheduler, LinkSettings settings) {
        this(transport, scheduler, settings, ReopenBackoff.DEFAULT);
    }

    /**
     * @param transport the medium (opened by {@link #open()}, reopened by the link itself after a failure)
     * @param scheduler the link's one worker and clock
     * @param settings  baud rate, retries, inter-byte tolerance
     * @param backoff   how often the link tries to reopen a medium that failed or could not be opened
     */
    public WiredLink(WiredTransport transport, Scheduler scheduler, LinkSettings settings, ReopenBackoff backoff) {
        if (transport == null || scheduler == null || settings == null || backoff == null) {
            throw new IllegalArgumentException("a wired link needs a transport, a scheduler, settings and a backoff");
        }
        this.transport = transport;
        this.scheduler = scheduler;
        this.settings = settings;
        this.backoff = backoff;
    }

    /** {@code listener} is told of each change between down and up from now on (in the link's scheduler's tasks). */
    public void addStateListener(LinkStateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Whether the medium is open now (safe from any thread; a snapshot). */
    public boolean isUp() {
        return state == State.OPEN;
    }

    public LinkSettings settings() {
        return settings;
    }

    /** What the link talks through, for logs. */
    public String describe() {
        return "wired M-Bus link on " + transport.describe() + " at " + settings.baud() + " baud";
    }

    /** The counters so far (safe from any thread). */
    public LinkStatistics statistics() {
        return counters.snapshot();
    }

    /**
     * Opens the transport. Completes when it is open; fails with {@link LinkException.Kind#TRANSPORT_FAILED} if it
     * cannot be opened now, and then the link keeps trying to open it (see {@link ReopenBackoff}) until it is open
     * or {@link #close()} is called: a port that is configured but absent at start is the same case as one that
     * vanishes later.
     */
    public CompletableFuture<Void> open() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (state == State.OPEN) {
                done.complete(null);
                return;
            }
            boolean wasDown = state == State.FAILED;
            cancelReopen();
            if (tryOpen()) {
                if (wasDown) {
                    cameBack();
                } else {
                    LOG.info("{} open", describe());
                }
                done.complete(null);
                return;
            }
            wentDown();
            done.completeExceptionally(new LinkException(LinkException.Kind.TRANSPORT_FAILED, -1, null,
                    downReason + "; the link reopens it by itself", null));
        });
        return done;
    }

    /** One attempt to open the transport (worker only); on failure {@link #downReason} says why. */
    private boolean tryOpen() {
        int gen = ++generation;
        try {
            transport.close();
            transport.open(new Port(gen));
            state = State.OPEN;
            return true;
        } catch (IOException | RuntimeException e) {
            downReason = "opening " + transport.describe() + " failed: " + e.getMessage();
            return false;
        }
    }

    /** The medium is down (worker only): one log line and the listeners on the change, then reopen with backoff. */
    private void wentDown() {
        if (state != State.FAILED) {
            state = State.FAILED;
            downSince = scheduler.nanos();
            reopenAttempts = 0;
            reopenDelay = backoff.first();
            LOG.warn("{} is down: {}; it is reopened by itself (after {} s, then up to every {} s)", describe(), downReason,
                    seconds(backoff.first()), seconds(backoff.max()));
            String reason = downReason;
            listeners.forEach(l -> l.down(reason));
        }
        scheduleReopen();
    }

    private void scheduleReopen() {
        if (reopenTimer == null) {
            reopenTimer = scheduler.schedule(reopenDelay, this::reopen);
        }
    }

    private void reopen() {
        reopenTimer = null;
        if (state != State.FAILED) {
            return; // opened by hand meanwhile, or closed
        }
        reopenAttempts++;
        if (tryOpen()) {
            cameBack();
            return;
        }
        // one log line per change of state (issue 16), not one per attempt
        LOG.debug("{}: attempt {} to reopen: {}", describe(), reopenAttempts, downReason);
        reopenDelay = backoff.after(reopenDelay);
        scheduleReopen();
    }

    private void cameBack() {
        Duration down = Duration.ofNanos(scheduler.nanos() - downSince);
        LOG.info("{} is open again after {} s down ({} attempt(s) to reopen)", describe(), seconds(down),
                reopenAttempts);
        listeners.forEach(l -> l.up(down));
    }

    private void cancelReopen() {
        if (reopenTimer != null) {
            reopenTimer.cancel();
            reopenTimer = null;
        }
    }

    /** Closes the link: the request on the wire and the queued ones fail with {@link LinkException.Kind#CLOSED}. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            generation++;
            cancelReopen();
            state = State.CLOSED;
            downReason = "the link was closed";
            transport.close();
            failAll(LinkException.Kind.CLOSED, "the link on " + transport.describe() + " was closed", null);
            done.complete(null);
        });
        return done;
    }

    /** SND_NKE (P2 §4.3.1, C = 40h): link reset, also resets the readout list (§6.3.2); completes on E5h. */
    public CompletableFuture<Void> sndNke(int address) {
        checkAddress(address);
        Exchange e = new Exchange("SND_NKE", address, ShortFrame.of(LinkFunction.SND_NKE, address), Exchange.Expect.ACK, true);
        submit(e);
        return e.result.thenApply(f -> null);
    }

    /** REQ_UD2 (P2 §4.3.2, C = 5Bh): completes with the device's RSP_UD, not interpreted. */
    public CompletableFuture<LongFrame> reqUd2(int address) {
        checkAddress(address);
        Exchange e = requestUserData(address);
        submit(e);
        return e.result.thenApply(f -> (LongFrame) f);
    }

    /** SND_UD (P2 §4.3.3–4.3.5, C = 53h) with {@code ci} (5Ah, 6Ch, 51h, …) and {@code data} after it; completes on E5h. */
    public CompletableFuture<Void> sndUd(int address, int ci, byte[] data) {
        return sndUd(address, ci, data, true);
    }

    /**
     * SND_UD like {@link #sndUd}, sent once: no repetition by the link after a missing or invalid answer. For a
     * command whose sender repeats it itself, each time rebuilt (P2 §5.2: a fresh frame counter for every mode-15
     * command; §6.3.1: "a maximum of 2 retries", counted at one layer).
     */
    public CompletableFuture<Void> sndUdOnce(int address, int ci, byte[] data) {
        return sndUd(address, ci, data, false);
    }

    private CompletableFuture<Void> sndUd(int address, int ci, byte[] data, boolean repeatable) {
        checkAddress(address);
        if (ci < 0 || ci > 0xFF) {
            throw new IllegalArgumentException("a CI-field is one byte, got " + ci);
        }
        LongFrame frame = new LongFrame(LinkFunction.SND_UD.cField(), address, ci, data);
        Exchange e = new Exchange("SND_UD CI " + hex(ci), address, frame, Exchange.Expect.ACK, true, repeatable);
        submit(e);
        return e.result.thenApply(f -> null);
    }

    /**
     * Sets a device's primary address: SND_UD CI 51h with the record DIF 01h VIF 7Ah and the new address
     * (P2 §6.2.2, always unencrypted; the device accepts it only while its user key is zero). Completes on E5h.
     */
    public CompletableFuture<Void> setPrimaryAddress(int from, int to) {
        checkAddress(from);
        if (to < 1 || to > MAX_ADDRESS) {
            // P2 §8.3.1: the E-meter selects an unused address 1..250 for a device at 0
            throw new IllegalArgumentException("a new primary address is 1..250, got " + to);
        }
        return sndUd(from, CI_UNENCRYPTED, DataRecords.encode(List.of(DsmrRecords.setAddress(to))));
    }

    /** {@link #scan(List, ScanListener)} of {@code first..last}, e.g. 0..250. */
    public CompletableFuture<ScanResult> scan(int first, int last, ScanListener listener) {
        checkAddress(first);
        checkAddress(last);
        List<Integer> addresses = new ArrayList<>();
        for (int a = first; a <= last; a++) {
            addresses.add(a);
        }
        return scan(addresses, listener);
    }

    /**
     * Probes each address in turn: SND_NKE, and where E5h comes back, REQ_UD2 (P2 §4.3.1: "SND_NKE can be also
     * be used for detecting new devices … After receiving the E5h reply, the E-meter can identify the M-Bus
     * device by requesting the device with a REQ_UD2"; SND_NKE also restores the default readout list, §6.3.2).
     *
     * <p>A probe that meets silence is not repeated: an empty address is the normal case, and P2 §8.3.1 repeats
     * the scan every minute in installation mode. A garbled answer is repeated like any request. Each probe
     * is queued behind the requests already waiting, so other traffic is never held up by a scan (P2 §8.3.1:
     * "This scan will be suspended for any other data transfer").
     *
     * <p>Fails only if the link closes or its transport fails; cancelling the future stops the scan.
     */
    public CompletableFuture<ScanResult> scan(List<Integer> addresses, ScanListener listener) {
        int[] list = new int[addresses.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = addresses.get(i);
            checkAddress(list[i]);
        }
        Scan scan = new Scan(list, listener == null ? ScanListener.NONE : listener);
        scheduler.execute(() -> scan.probe(0));
        return scan.result;
    }

    // ---- the scan

    private final class Scan {
        final int[] addresses;
        final ScanListener listener;
        final List<FoundDevice> found = new ArrayList<>();
        final List<LinkException> unreadable = new ArrayList<>();
        final CompletableFuture<ScanResult> result = new CompletableFuture<>();

        Scan(int[] addresses, ScanListener listener) {
            this.addresses = addresses;
            this.listener = listener;
        }

        void probe(int index) {
            if (result.isDone()) {
                return;
            }
            if (index == addresses.length) {
                LOG.info("{}: scan of {} addresses found {} device(s)", describe(), addresses.length, found.size());
                result.complete(new ScanResult(addresses.length, found, unreadable));
                return;
            }
            int address = addresses[index];
            listener.probing(address, index + 1, addresses.length);
            Exchange nke = new Exchange("SND_NKE", address, ShortFrame.of(LinkFunction.SND_NKE, address),
                    Exchange.Expect.ACK, false);
            nke.result.whenComplete((ack, error) -> {
                if (error == null) {
                    Exchange read = requestUserData(address);
                    read.result.whenComplete((rsp, readError) -> {
                        if (readError == null) {
                            FoundDevice device = new FoundDevice(address, (LongFrame) rsp);
                            found.add(device);
                            listener.found(device);
                            probe(index + 1);
                        } else if (readError instanceof LinkException le && le.kind() != LinkException.Kind.CLOSED
                                && le.kind() != LinkException.Kind.TRANSPORT_FAILED) {
                            // it acknowledged SND_NKE, so something is there: report it even if it stayed silent
                            unreadable.add(le);
                            probe(index + 1);
                        } else {
                            next(index, readError);
                        }
                    });
                    enqueue(read);
                } else {
                    next(index, error);
                }
            });
            enqueue(nke);
        }

        private void next(int index, Throwable error) {
            LinkException failure = error instanceof LinkException le ? le
                    : new LinkException(LinkException.Kind.CLOSED, addresses[index], null, String.valueOf(error), error);
            switch (failure.kind()) {
                case NO_ANSWER -> probe(index + 1);
                case INVALID_ANSWER, COLLISION -> {
                    unreadable.add(failure);
                    probe(index + 1);
                }
                default -> result.completeExceptionally(failure);
            }
        }
    }

    // ---- queueing (worker only, except submit)

    private Exchange requestUserData(int address) {
        return new Exchange("REQ_UD2", address, ShortFrame.of(LinkFunction.REQ_UD2, address), Exchange.Expect.RSP_UD, true);
    }

    private void submit(Exchange e) {
        scheduler.execute(() -> enqueue(e));
    }

    private void enqueue(Exchange e) {
        if (state != State.OPEN) {
            LinkException.Kind kind = state == State.FAILED ? LinkException.Kind.TRANSPORT_FAILED : LinkException.Kind.CLOSED;
            e.result.completeExceptionally(new LinkException(kind, e.address, e + " not sent: " + downReason
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
        reportStrayBytes();
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

    private void received(int gen, byte[] bytes, long arrival) {
        if (gen != generation || state != State.OPEN) {
            return;
        }
        lastByteArrival = Math.max(lastByteArrival, arrival);
        int i = 0;
        if (current != null && !attemptDone) {
            for (; i < bytes.length && !attemptDone; i++) {
                accept(bytes[i], arrival);
            }
        }
        if (i < bytes.length) {
            stray(bytes.length - i, arrival);
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

    /**
     * Bytes while no answer is awaited (a stray frame, noise): counted, and reported in one line once the line has
     * been idle for the inter-byte limit (a serial port delivers a stray frame byte by byte: issue 16).
     */
    private void stray(int count, long arrival) {
        counters.unsolicitedBytes += count;
        strayBytes += count;
        if (strayTimer != null) {
            strayTimer.cancel();
        }
        long limit = settings.interByteLimit().toNanos();
        strayTimer = scheduler.schedule(Duration.ofNanos(Math.max(0, arrival + limit + 1 - scheduler.nanos())),
                this::reportStrayBytes);
    }

    private void reportStrayBytes() {
        if (strayTimer != null) {
            strayTimer.cancel();
            strayTimer = null;
        }
        if (strayBytes == 0) {
            return;
        }
        long n = repeats.note("stray", "stray");
        if (Repeats.logs(n)) {
            LOG.warn("{}: {} byte(s) arrived while no answer was awaited; dropped{}", describe(), strayBytes,
                    Repeats.times(n));
        }
        strayBytes = 0;
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
                + millis(settings.answerTimeout()) + " ms of the request's end" + detail);
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

    /**
     * The answer started but no valid expected frame came: decide what went wrong from the bytes, from the
     * first start byte on. One frame's worth of bytes that fails to decode is an invalid answer (its reason);
     * fewer is a truncated frame; more bytes than the first frame's header announces (or a header that no
     * length explains) means two devices answered at once.
     */
    private void classifyFailedAnswer() {
        int start = answerStart;
        int length = Math.min(answerLength, MAX_ANSWER_BYTES) - start;
        int declared = declaredLength(answer, start, length);
        if (declared > 0 && length < declared) {
            counters.truncated++;
            endAttempt(LinkException.Kind.INVALID_ANSWER, Reason.TRUNCATED, "answer truncated: " + length + " of "
                    + declared + " bytes, then the line was idle for more than " + millis(settings.interByteLimit()) + " ms");
            return;
        }
        if (declared > 0 && length == declared) {
            try {
                WiredFrame frame = WiredFrame.decode(answer, start, length);
                endAttempt(LinkException.Kind.INVALID_ANSWER, null, "unexpected answer " + frame + " where "
                        + current.expect.label + " from address " + current.address + " was expected");
            } catch (DecodeException e) {
                if (e.reason() == Reason.BAD_CHECKSUM) {
                    counters.badChecksums++;
                }
                endAttempt(LinkException.Kind.INVALID_ANSWER, e.reason(), "invalid answer: " + e.getMessage());
            }
            return;
        }
        if (declared < 0 && length == 4 + ((answer[start + 1] & 0xFF) + 2)) {
            // 68 L1 L2 68 with L1 ≠ L2 but the bytes of one frame of length L1: a damaged length byte
            endAttempt(LinkException.Kind.INVALID_ANSWER, Reason.BAD_LENGTH, "invalid answer: the two L-fields differ ("
                    + hex(answer[start + 1] & 0xFF) + ", " + hex(answer[start + 2] & 0xFF) + ")");
            return;
        }
        endAttempt(LinkException.Kind.COLLISION, null, length + " garbled byte(s)"
                + (declared > 0 ? " where the header announced a " + declared + "-byte frame" : " with no consistent frame header")
                + ": two devices answering at once?");
    }

    /** The length a frame announces from its first bytes: 1, 5 or L + 6; -1 if a long header is inconsistent; 0 if unknown yet. */
    private static int declaredLength(byte[] bytes, int start, int length) {
        int first = bytes[start] & 0xFF;
        if (first == WiredFrame.SINGLE_CHARACTER) {
            return 1;
        }
        if (first == WiredFrame.SHORT_START) {
            return SHORT_FRAME_LENGTH;
        }
        if (length < 4) {
            return length < 3 ? 0 : ((bytes[start + 1] == bytes[start + 2]) ? 0 : -1);
        }
        if (bytes[start + 1] != bytes[start + 2] || (bytes[start + 3] & 0xFF) != WiredFrame.LONG_START) {
            return -1;
        }
        return (bytes[start + 1] & 0xFF) + 6;
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

    private void transportFailed(Throwable cause) {
        if (state != State.OPEN) {
            return;
        }
        generation++;
        counters.transportFailures++;
        downReason = transport.describe() + " failed: " + cause.getMessage();
        transport.close();
        failAll(LinkException.Kind.TRANSPORT_FAILED, downReason + "; the link reopens it by itself", cause);
        wentDown();
    }

    private void failAll(LinkException.Kind kind, String why, Throwable cause) {
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

    // ---- transport callbacks: re-posted to the worker

    private final class Port implements WiredTransport.Receiver {
        private final int gen;

        Port(int gen) {
            this.gen = gen;
        }

        @Override
        public void received(byte[] bytes, int offset, int length) {
            long arrival = scheduler.nanos();
            byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
            scheduler.execute(() -> WiredLink.this.received(gen, copy, arrival));
        }

        @Override
        public void failed(IOException cause) {
            scheduler.execute(() -> {
                if (gen == generation) {
                    transportFailed(cause);
                }
            });
        }
    }

    // ---- helpers

    private static void checkAddress(int address) {
        if (address < 0 || address > MAX_ADDRESS) {
            // P2 4.2.2 §3.1.3: 1..250 (0: unconfigured); no secondary addressing (253), no broadcast
            throw new IllegalArgumentException("DSMR primary addresses are 0..250, got " + address);
        }
    }

    private static String hex(int value) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) value) + "h";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e9);
    }

    private static String millis(Duration d) {
        return Double.toString(d.toNanos() / 1_000_000.0);
    }
}
