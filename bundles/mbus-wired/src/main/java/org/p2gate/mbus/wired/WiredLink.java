package org.p2gate.mbus.wired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;

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

    /** P2 4.2.2 §3.1.3: primary addresses 1..250; §8.3.1: 0 for unconfigured devices. */
    public static final int MAX_ADDRESS = 250;
    /** P2 4.2.2 §4.3.5, Table 5: SND_UD with CI 51h carries unencrypted records without a header. */
    public static final int CI_UNENCRYPTED = 0x51;

    private final WiredTransport transport;
    private final Scheduler scheduler;
    private final LinkSettings settings;
    private final LinkCounters counters = new LinkCounters();
    private final Medium medium;
    private final Exchanges exchanges;

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
        this.medium = new Medium(transport, scheduler, backoff, this::describe, new Medium.Traffic() {
            @Override
            public void received(byte[] bytes, long arrival) {
                exchanges.received(bytes, arrival);
            }

            @Override
            public void failed(Throwable cause) {
                exchanges.transportFailed(cause);
            }
        });
        this.exchanges = new Exchanges(transport, scheduler, settings, counters, medium, this::describe);
    }

    /** {@code listener} is told of each change between down and up from now on (in the link's scheduler's tasks). */
    public void addStateListener(LinkStateListener listener) {
        medium.addStateListener(listener);
    }

    /** Whether the medium is open now (safe from any thread; a snapshot). */
    public boolean isUp() {
        return medium.isUp();
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
        return medium.open();
    }

    /** Closes the link: the request on the wire and the queued ones fail with {@link LinkException.Kind#CLOSED}. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            medium.close();
            exchanges.failAll(LinkException.Kind.CLOSED, "the link on " + transport.describe() + " was closed", null);
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
        AddressScan scan = new AddressScan(this, list, listener == null ? ScanListener.NONE : listener);
        scheduler.execute(() -> scan.probe(0));
        return scan.result;
    }

    // ---- queueing (worker only, except submit)

    static Exchange requestUserData(int address) {
        return new Exchange("REQ_UD2", address, ShortFrame.of(LinkFunction.REQ_UD2, address), Exchange.Expect.RSP_UD, true);
    }

    private void submit(Exchange e) {
        scheduler.execute(() -> exchanges.enqueue(e));
    }

    /** Queues {@code e} (worker only). */
    void enqueue(Exchange e) {
        exchanges.enqueue(e);
    }

    // ---- helpers

    private static void checkAddress(int address) {
        if (address < 0 || address > MAX_ADDRESS) {
            // P2 4.2.2 §3.1.3: 1..250 (0: unconfigured); no secondary addressing (253), no broadcast
            throw new IllegalArgumentException("DSMR primary addresses are 0..250, got " + address);
        }
    }

    static String hex(int value) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) value) + "h";
    }

    static String millis(Duration d) {
        return Double.toString(d.toNanos() / 1_000_000.0);
    }
}
