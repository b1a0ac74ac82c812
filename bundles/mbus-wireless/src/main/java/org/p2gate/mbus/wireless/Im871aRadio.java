package org.p2gate.mbus.wireless;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.wireless.hci.HciMessage;
import org.p2gate.mbus.wireless.hci.HciStreamDecoder;
import org.p2gate.mbus.wireless.hci.SerialHciTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMST iM871A USB wireless M-Bus dongle as a {@link Radio}, through its host controller interface (HCI).
 *
 * <ul>
 * <li>Open: device management SET_CONFIG_REQ (temporary, not stored in the dongle's flash), device mode "other"
 *     (0), link mode T2 (4), RSSI and time stamp attached to every received frame; the dongle confirms with
 *     SET_CONFIG_RSP status 0.</li>
 * <li>Receive: radio link WMBUS_MESSAGE_IND carries the frame from its C-field on, CRCs checked and removed by the
 *     dongle; the HCI length is the frame's L-field. The raw RSSI becomes dBm ({@link #rssiDbm(int)}).</li>
 * <li>Receive-only for meters: its firmware cannot answer inside t_RO (no preload or auto-reply), so {@link #arm} is
 *     refused with a message that names a radio that can ({@link RadioCannotAnswerException}).</li>
 * <li>Transmit: WMBUS_MESSAGE_REQ with the frame from its C-field on (the dongle adds L and the CRCs), written at
 *     "not before"; the dongle confirms with WMBUS_MESSAGE_RSP status 0.</li>
 * </ul>
 * Bytes arrive on the transport's thread and are handled on the given scheduler.
 */
public final class Im871aRadio implements Radio {

    private static final Logger LOG = LoggerFactory.getLogger(Im871aRadio.class);

    /** HCI: SET_CONFIG_REQ flags. */
    static final int NOT_STORED = 0x00;
    static final int SET_DEVICE_MODE = 0x01;
    static final int SET_LINK_MODE = 0x02;
    static final int SET_RSSI = 0x10;
    static final int SET_TIMESTAMP = 0x20;
    /** HCI device mode 0: "other" (the E-meter side of T2, P2 §2.2). */
    static final int DEVICE_MODE_OTHER = 0x00;
    /** HCI link modes: S1 0, S1-m 1, S2 2, T1 3, T2 4, R2 5, C1a 6, C1b 7, C2a 8, C2b 9. */
    static final int LINK_MODE_T2 = 0x04;
    /** HCI bytes around a frame's payload: start, control/endpoint, id, length, time stamp, RSSI, CRC. */
    static final int HCI_FRAMING = 4 + 4 + 1 + 2;
    /** How long the dongle may take to confirm a request. */
    static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(1);

    private final HciTransport transport;
    private final Scheduler scheduler;
    private final HciStreamDecoder decoder = new HciStreamDecoder();

    // scheduler only
    private Receiver receiver;
    private int generation;
    private CompletableFuture<Void> configuring;
    private final ArrayDeque<CompletableFuture<Void>> sending = new ArrayDeque<>();
    private long unexpected;

    public Im871aRadio(HciTransport transport, Scheduler scheduler) {
        if (transport == null || scheduler == null) {
            throw new IllegalArgumentException("the iM871A radio needs a transport and a scheduler");
        }
        this.transport = transport;
        this.scheduler = scheduler;
    }

    /** The dongle on a serial port (e.g. /dev/ttyUSB0), 57600 Bd 8N1. */
    public static Im871aRadio onSerialPort(String port, Scheduler scheduler) {
        return new Im871aRadio(new SerialHciTransport(port), scheduler);
    }

    @Override
    public CompletableFuture<Void> open(Receiver newReceiver) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            int gen = ++generation;
            receiver = newReceiver;
            try {
                transport.close();
                transport.open(new DongleBytes<>(scheduler, decoder, () -> generation, f -> handle(generation, f), this::portFailed, gen));
                configuring = done;
                transport.write(HciMessage.of(HciMessage.ENDPOINT_DEVICE_MANAGEMENT, HciMessage.SET_CONFIG_REQ,
                        (byte) NOT_STORED, (byte) (SET_DEVICE_MODE | SET_LINK_MODE), (byte) DEVICE_MODE_OTHER,
                        (byte) LINK_MODE_T2, (byte) (SET_RSSI | SET_TIMESTAMP), (byte) 1, (byte) 1).encode(false));
                scheduler.schedule(CONFIRMATION_TIMEOUT, () -> {
                    if (configuring == done && !done.isDone()) {
                        configuring = null;
                        done.completeExceptionally(new IOException("the iM871A on " + transport.describe()
                                + " did not confirm the T2 configuration within " + CONFIRMATION_TIMEOUT.toMillis()
                                + " ms: check that the port is the dongle's"));
                    }
                });
            } catch (IOException | RuntimeException e) {
                configuring = null;
                done.completeExceptionally(e instanceof IOException ? e
                        : new IOException("opening " + transport.describe() + " failed: " + e.getMessage(), e));
            }
        });
        return done;
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            generation++;
            receiver = null;
            transport.close();
            CompletableFuture<Void> f;
            while ((f = sending.poll()) != null) {
                f.completeExceptionally(new IOException(describe() + " was closed"));
            }
        });
    }

    @Override
    public CompletableFuture<Void> transmit(byte[] frame, Instant notBefore) {
        if (frame.length < 11 || (frame[0] & 0xFF) != frame.length - 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "a frame without CRCs is L C M A CI … with L = the bytes after L, at least 11 bytes"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] fromC = Arrays.copyOfRange(frame, 1, frame.length);
        Duration wait = Duration.between(scheduler.now(), notBefore);
        scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> {
            if (receiver == null) {
                done.completeExceptionally(new IOException(describe() + " is not open"));
                return;
            }
            try {
                transport.write(HciMessage.of(HciMessage.ENDPOINT_RADIO_LINK, HciMessage.WMBUS_MESSAGE_REQ, fromC).encode(false));
                sending.add(done);
                scheduler.schedule(CONFIRMATION_TIMEOUT, () -> {
                    if (sending.remove(done)) {
                        done.completeExceptionally(new IOException("the iM871A did not confirm a transmission within "
                                + CONFIRMATION_TIMEOUT.toMillis() + " ms"));
                    }
                });
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The iM871A's HCI has send-now, receive and data requests only: no preload, no scheduled send, no auto-reply. */
    @Override
    public boolean answersArmed() {
        return false;
    }

    @Override
    public CompletableFuture<Void> arm(ArmedAnswer answer) {
        return CompletableFuture.failedFuture(new RadioCannotAnswerException(describe()));
    }

    @Override
    public CompletableFuture<Void> disarm(org.p2gate.mbus.transport.ShortId meter) {
        return CompletableFuture.completedFuture(null); // nothing can be armed
    }

    @Override
    public String describe() {
        return "iM871A on " + transport.describe();
    }

    /** Frames dropped by the HCI decoder (bad CRC or header) and messages nobody waited for. */
    public long rejectedMessages() {
        return decoder.badCrcs() + decoder.badHeaders() + unexpected;
    }

    /**
     * The raw RSSI of the dongle's receiver in dBm: a straight line through the points (45, -100 dBm) and
     * (205, -20 dBm) of the Si1002 receiver's RSSI curve the module is built on, limited to -128..0 dBm.
     */
    public static int rssiDbm(int raw) {
        int dbm = -100 + (raw - 45) / 2;
        return Math.max(-128, Math.min(0, dbm));
    }

    private void handle(int gen, HciMessage m) {
        if (gen != generation) {
            return;
        }
        if (m.endpoint() == HciMessage.ENDPOINT_DEVICE_MANAGEMENT && m.messageId() == HciMessage.SET_CONFIG_RSP) {
            CompletableFuture<Void> c = configuring;
            configuring = null;
            if (c == null) {
                unexpected++;
            } else if (m.payload().length >= 1 && m.payload()[0] == 0) {
                LOG.info("{}: link mode T2, device mode other", describe());
                c.complete(null);
            } else {
                c.completeExceptionally(new IOException("the iM871A refused the T2 configuration (status "
                        + (m.payload().length == 0 ? "missing" : Integer.toString(m.payload()[0] & 0xFF))
                        + "): check its firmware supports T2 other mode"));
            }
        } else if (m.endpoint() == HciMessage.ENDPOINT_RADIO_LINK && m.messageId() == HciMessage.WMBUS_MESSAGE_RSP) {
            CompletableFuture<Void> s = sending.poll();
            if (s == null) {
                unexpected++;
            } else if (m.payload().length >= 1 && m.payload()[0] == 0) {
                s.complete(null);
            } else {
                s.completeExceptionally(new IOException("the iM871A refused a transmission (status "
                        + (m.payload().length == 0 ? "missing" : Integer.toString(m.payload()[0] & 0xFF)) + ")"));
            }
        } else if (m.endpoint() == HciMessage.ENDPOINT_RADIO_LINK && m.messageId() == HciMessage.WMBUS_MESSAGE_IND) {
            byte[] payload = m.payload();
            if (payload.length < 10 || receiver == null) {
                unexpected++;
                return;
            }
            byte[] frame = new byte[payload.length + 1];
            frame[0] = (byte) payload.length; // the frame without CRCs: L = the bytes after L
            System.arraycopy(payload, 0, frame, 1, payload.length);
            int dbm = m.rssi().isPresent() ? rssiDbm(m.rssi().getAsInt()) : 0;
            // the frame ended before its indication crossed the 57.6 kBd HCI (the dongle's 32-bit time stamp has no
            // documented unit here, so the arrival less the transfer is the receive time)
            Duration transfer = Duration.ofNanos((payload.length + HCI_FRAMING) * 10 * 1_000_000_000L / SerialHciTransport.BAUD);
            receiver.received(new ReceivedFrame(frame, dbm, scheduler.now().minus(transfer)));
        } else {
            unexpected++;
            LOG.debug("{}: HCI message endpoint {} id {} ignored", describe(), m.endpoint(), m.messageId());
        }
    }

    /** The port failed (e.g. the dongle was unplugged): the receiver is told once. */
    private void portFailed(IOException cause) {
        Receiver r = receiver;
        receiver = null;
        if (r != null) {
            r.failed(cause);
        }
    }
}
