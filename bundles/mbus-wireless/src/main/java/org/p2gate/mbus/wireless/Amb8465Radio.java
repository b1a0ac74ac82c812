package org.p2gate.mbus.wireless;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.amber.AmberFrame;
import org.p2gate.mbus.wireless.amber.AmberStreamDecoder;
import org.p2gate.mbus.wireless.hci.SerialHciTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Amber/Würth AMB8465-M USB stick as a {@link Radio} that answers armed frames by itself, in the module's command
 * mode (AMB8426-M/8626-M manual, "Metis-II" command set). Written from the public manual; where it is silent this
 * driver assumes the least:
 * <ul>
 * <li>Open: CMD_SET_MODE_REQ (04h) with mode 08h, T2 as the other device, in volatile memory (nothing is written to
 *     the module's flash); confirmation 84h status 00h.</li>
 * <li>Receive: CMD_DATA_IND (03h), the telegram from its C-field on (CRCs checked and removed); an RSSI byte at the
 *     end only if the operator enabled it in the module ({@code rssiAppended}), converted as §7.9 says. The module
 *     gives no receive time: the frame's end is taken as the arrival less its transfer time at the UART's rate.</li>
 * <li>Arm: CMD_DATA_PRELOAD_REQ (30h) with the answer from its C-field on (its long header carries the meter's
 *     address, which the module matches, §9); first confirmation B0h 00h = held, 02h = no memory. The preload depth is
 *     not documented: one telegram is held at a time, for one meter (arming another meter's answer clears it first,
 *     CMD_DATA_CLR_PRELOAD_REQ 31h); the module matches the address only, so any frame of that meter releases it; it
 *     does not patch the access number (the link predicts it).</li>
 * <li>Sent: the second confirmation B0h 01h ("telegram has been transmitted"), without a time: the link counts the
 *     answer at the nominal t_RO. It is joined with the meter's data indication, whichever comes first.</li>
 * </ul>
 * Bytes arrive on the transport's thread and are handled on the given scheduler.
 */
public final class Amb8465Radio implements Radio {

    private static final Logger LOG = LoggerFactory.getLogger(Amb8465Radio.class);

    /** The AMB8465-M's UART default (the stick's USB serial converter runs at the module's rate). */
    public static final int DEFAULT_BAUD = 9_600;
    static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(1);
    /** How long a data indication waits for the "transmitted" confirmation of the answer it released. */
    static final Duration SENT_REPORT_WAIT = Duration.ofMillis(100);
    static final int PRELOAD_HELD = 0x00;
    static final int PRELOAD_TRANSMITTED = 0x01;
    static final int PRELOAD_NO_MEMORY = 0x02;

    private final HciTransport transport;
    private final Scheduler scheduler;
    private final int baud;
    private final boolean rssiAppended;
    private final AmberStreamDecoder decoder = new AmberStreamDecoder();

    // scheduler only
    private Receiver receiver;
    private int generation;
    private final ArrayDeque<Expected> confirmations = new ArrayDeque<>();
    private ArmedAnswer held;
    private boolean transmittedUnclaimed;
    private ReceivedFrame waitingForReport;
    private Scheduler.Scheduled reportTimer;
    private long unexpected;

    /** A confirmation the driver waits for, in request order (the module answers each request in turn). */
    private record Expected(int command, CompletableFuture<Integer> status) {
    }

    /**
     * @param baud         the UART's rate ({@link #DEFAULT_BAUD} unless changed in the module)
     * @param rssiAppended whether the module was set to append the RSSI to each data indication
     */
    public Amb8465Radio(HciTransport transport, Scheduler scheduler, int baud, boolean rssiAppended) {
        if (transport == null || scheduler == null || baud <= 0) {
            throw new IllegalArgumentException("the AMB8465-M radio needs a transport, a scheduler and a baud rate");
        }
        this.transport = transport;
        this.scheduler = scheduler;
        this.baud = baud;
        this.rssiAppended = rssiAppended;
    }

    /** The stick on a serial port (e.g. /dev/ttyUSB0), 8N1 at {@code baud}. */
    public static Amb8465Radio onSerialPort(String port, int baud, boolean rssiAppended, Scheduler scheduler) {
        return new Amb8465Radio(new SerialHciTransport(port, baud, "AMB8465-M"), scheduler, baud, rssiAppended);
    }

    @Override
    public CompletableFuture<Void> open(Receiver newReceiver) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            int gen = ++generation;
            receiver = newReceiver;
            reset();
            try {
                transport.close();
                transport.open(new DongleBytes<>(scheduler, decoder, () -> generation, f -> handle(generation, f), this::portFailed, gen));
            } catch (IOException e) {
                receiver = null;
                done.completeExceptionally(e);
                return;
            }
            request(AmberFrame.SET_MODE_REQ, new byte[] {(byte) AmberFrame.MODE_T2_OTHER}).whenComplete((status, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else if (status != 0) {
                    done.completeExceptionally(new IOException("the AMB8465-M refused mode T2 other (08h), status "
                            + status + ": check its firmware supports T2"));
                } else {
                    LOG.info("{}: mode T2, other device", describe());
                    done.complete(null);
                }
            });
        });
        return done;
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            generation++;
            receiver = null;
            transport.close();
            reset();
        });
    }

    private void reset() {
        Expected e;
        while ((e = confirmations.poll()) != null) {
            e.status().completeExceptionally(new IOException(describe() + " was closed"));
        }
        held = null;
        transmittedUnclaimed = false;
        waitingForReport = null;
        if (reportTimer != null) {
            reportTimer.cancel();
        }
    }

    @Override
    public boolean answersArmed() {
        return true;
    }

    @Override
    public CompletableFuture<Void> arm(ArmedAnswer answer) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (receiver == null) {
                done.completeExceptionally(new IOException(describe() + " is not open"));
                return;
            }
            if (held != null) {
                request(AmberFrame.DATA_CLR_PRELOAD_REQ, new byte[0]); // one held at a time: the manual gives no depth
            }
            held = answer;
            transmittedUnclaimed = false;
            byte[] frame = answer.frame();
            request(AmberFrame.DATA_PRELOAD_REQ, Arrays.copyOfRange(frame, 1, frame.length)).whenComplete((status, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else if (status == PRELOAD_NO_MEMORY) {
                    held = null;
                    done.completeExceptionally(new IOException("the AMB8465-M has no memory left for a preload (status 02h)"));
                } else {
                    done.complete(null);
                }
            });
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> disarm(ShortId meter) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (held == null || !held.meter().equals(meter) || receiver == null) {
                done.complete(null);
                return;
            }
            held = null;
            request(AmberFrame.DATA_CLR_PRELOAD_REQ, new byte[0]).whenComplete((status, error) -> done.complete(null));
        });
        return done;
    }

    /** CMD_DATA_REQ (00h): sent at once; the host-reactive path, which meets no T2 window. */
    @Override
    public CompletableFuture<Void> transmit(byte[] frame, java.time.Instant notBefore) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> request(AmberFrame.DATA_REQ, Arrays.copyOfRange(frame, 1, frame.length))
                .whenComplete((status, error) -> {
                    if (error != null || status != 0) {
                        done.completeExceptionally(error != null ? error : new IOException("the AMB8465-M refused to send, status " + status));
                    } else {
                        done.complete(null);
                    }
                }));
        return done;
    }

    @Override
    public String describe() {
        return "AMB8465-M on " + transport.describe();
    }

    /** Frames dropped by the decoder (bad checksum, stray bytes) and confirmations nobody waited for. */
    public long rejectedMessages() {
        return decoder.badChecksums() + unexpected;
    }

    /** Manual §7.9: RSSI_dBm = (RSSI_dec − 256) / 2 − 74 for RSSI_dec ≥ 128, else RSSI_dec / 2 − 74. */
    public static int rssiDbm(int raw) {
        return (raw >= 128 ? raw - 256 : raw) / 2 - 74;
    }

    private CompletableFuture<Integer> request(int command, byte[] payload) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        try {
            transport.write(new AmberFrame(command, payload).encode());
        } catch (IOException e) {
            status.completeExceptionally(e);
            return status;
        }
        Expected expected = new Expected(command | AmberFrame.CONFIRM, status);
        confirmations.add(expected);
        scheduler.schedule(CONFIRMATION_TIMEOUT, () -> {
            if (confirmations.remove(expected)) {
                status.completeExceptionally(new IOException(String.format("the AMB8465-M did not confirm command %02Xh"
                        + " within %d ms", command, CONFIRMATION_TIMEOUT.toMillis())));
            }
        });
        return status;
    }

    private void handle(int gen, AmberFrame f) {
        if (gen != generation) {
            return;
        }
        if (f.command() == AmberFrame.DATA_IND) {
            indication(f.payload());
        } else if (f.command() == (AmberFrame.DATA_PRELOAD_REQ | AmberFrame.CONFIRM) && f.status() == PRELOAD_TRANSMITTED) {
            transmitted();
        } else {
            Expected e = confirmations.peek();
            if (e == null || e.command() != f.command()) {
                unexpected++;
                LOG.debug("{}: frame {} nobody waited for", describe(), f);
                return;
            }
            confirmations.poll();
            e.status().complete(f.status());
        }
    }

    /** The second confirmation of the preload: the module sent it (§7.12.1). */
    private void transmitted() {
        if (waitingForReport != null) {
            deliver(waitingForReport, true);
        } else {
            transmittedUnclaimed = true; // the released frame's indication follows
        }
    }

    private void indication(byte[] payload) {
        int telegram = payload.length - (rssiAppended ? 1 : 0);
        if (telegram < 10 || receiver == null) {
            unexpected++;
            return;
        }
        byte[] frame = new byte[telegram + 1];
        frame[0] = (byte) telegram; // the frame without CRCs: L = the bytes after L
        System.arraycopy(payload, 0, frame, 1, telegram);
        int dbm = rssiAppended ? rssiDbm(payload[payload.length - 1] & 0xFF) : 0;
        // no receive time from the module: the arrival less the indication's own transfer at the UART's rate
        Duration transfer = Duration.ofNanos((payload.length + 4) * 10 * 1_000_000_000L / baud);
        ReceivedFrame received = new ReceivedFrame(frame, dbm, scheduler.now().minus(transfer));
        ShortId sender = senderOf(frame);
        if (held != null && held.meter().equals(sender)) {
            if (transmittedUnclaimed) {
                deliver(received, true);
            } else {
                waitingForReport = received;
                reportTimer = scheduler.schedule(SENT_REPORT_WAIT, () -> {
                    if (waitingForReport == received) {
                        deliver(received, false);
                    }
                });
            }
            return;
        }
        receiver.received(received);
    }

    private void deliver(ReceivedFrame received, boolean answered) {
        waitingForReport = null;
        transmittedUnclaimed = false;
        Optional<SentAnswer> sent = Optional.empty();
        if (answered && held != null) {
            sent = Optional.of(new SentAnswer(held.frame(), Optional.empty())); // the module gives no time
            held = null; // used once
        }
        if (receiver != null) {
            receiver.received(new ReceivedFrame(received.frame(), received.rssiDbm(), received.at(), sent));
        }
    }

    private static ShortId senderOf(byte[] frame) {
        try {
            return org.p2gate.mbus.frame.WirelessFrame.decodeWithoutCrcs(frame, 0, frame.length).address();
        } catch (org.p2gate.mbus.DecodeException e) {
            return WirelessSettings.ZERO_ADDRESS;
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
