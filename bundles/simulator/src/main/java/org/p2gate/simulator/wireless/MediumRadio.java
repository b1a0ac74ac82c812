package org.p2gate.simulator.wireless;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.dsmr.Medium;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.dsmr.MessageRules;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.Direction;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.ArmedAnswer;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.mbus.wireless.RadioCannotAnswerException;
import org.p2gate.mbus.wireless.ReceivedFrame;
import org.p2gate.mbus.wireless.SentAnswer;

/**
 * The E-meter's {@link Radio} on a {@link RadioMedium}: a station in the role of the other device, with a model of
 * the radio's firmware that runs on the medium's own clock (RADIO-TIMING.md), so the host's latency never decides
 * whether a meter hears an answer.
 * <ul>
 * <li>{@link Firmware#ARMED} (like the Amber AMB8465-M's preload): one armed answer per meter; a frame from that
 *     meter whose kind releases it is answered {@link #answerDelay()} after its end (nominal t_RO 2.5 ms), once.
 *     The host is told of the frame, at its end, together with what was sent and when.</li>
 * <li>{@link Firmware#SEND_NOW} (like the stock IMST iM871A): no arming; a frame reaches the host only after it has
 *     crossed the 57,600 Bd HCI and USB, and a frame the host sends starts after the same way back. A host that
 *     answers on reception starts ≥ 10 ms after the meter's frame: no T2 meter hears it.</li>
 * </ul>
 */
public final class MediumRadio implements Radio {

    /** The firmware model. */
    public enum Firmware { ARMED, SEND_NOW }

    /** Nominal t_RO: the middle of EN 13757-4 T2's 2.0–3.0 ms. */
    public static final Duration NOMINAL_ANSWER_DELAY = Duration.ofNanos(2_500_000);
    /** SEND_NOW: the HCI's 57,600 Bd, 10 bits per byte, and its framing (start, endpoint, id, length, RSSI, CRC). */
    static final long HCI_NANOS_PER_BYTE = 10 * 1_000_000_000L / 57_600;
    static final int HCI_OVERHEAD_BYTES = 7;
    /** SEND_NOW: one USB full-speed frame each way at best. */
    static final Duration USB_LATENCY = Duration.ofMillis(1);

    private final RadioMedium.Station station;
    private final RadioMedium medium;
    private final Firmware firmware;
    private final Map<ShortId, ArmedAnswer> armed = new HashMap<>();
    private volatile Duration answerDelay = NOMINAL_ANSWER_DELAY;
    private volatile Receiver receiver;

    /** A radio with the armed-answer firmware. */
    public MediumRadio(RadioMedium medium, String name) {
        this(medium, name, Firmware.ARMED);
    }

    public MediumRadio(RadioMedium medium, String name, Firmware firmware) {
        this.medium = medium;
        this.firmware = firmware;
        this.station = medium.attach(name, RadioMedium.Role.OTHER, this::heard);
    }

    /** The station, e.g. to set its link quality to a meter. */
    public RadioMedium.Station station() {
        return station;
    }

    public Firmware firmware() {
        return firmware;
    }

    public Duration answerDelay() {
        return answerDelay;
    }

    /** How long after a trigger's end the firmware starts an armed answer (tests of the meter's window). */
    public void answerDelay(Duration delay) {
        this.answerDelay = delay;
    }

    @Override
    public CompletableFuture<Void> open(Receiver newReceiver) {
        this.receiver = newReceiver;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        receiver = null;
        synchronized (armed) {
            armed.clear();
        }
    }

    @Override
    public boolean answersArmed() {
        return firmware == Firmware.ARMED;
    }

    @Override
    public CompletableFuture<Void> arm(ArmedAnswer answer) {
        if (firmware != Firmware.ARMED) {
            return CompletableFuture.failedFuture(new RadioCannotAnswerException(describe()));
        }
        if (receiver == null) {
            return CompletableFuture.failedFuture(new IOException("the simulated radio " + station + " is closed"));
        }
        synchronized (armed) {
            armed.put(answer.meter(), answer);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disarm(ShortId meter) {
        synchronized (armed) {
            armed.remove(meter);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> transmit(byte[] frame, Instant notBefore) {
        if (receiver == null) {
            return CompletableFuture.failedFuture(new IOException("the simulated radio " + station + " is closed"));
        }
        Instant start = notBefore;
        if (firmware == Firmware.SEND_NOW) {
            Instant reachesRadio = medium.now().plus(hciTransfer(frame.length)).plus(USB_LATENCY);
            start = reachesRadio.isAfter(notBefore) ? reachesRadio : notBefore;
        }
        return station.transmit(frame, start).thenApply(t -> null);
    }

    @Override
    public String describe() {
        return "simulated radio " + station + (firmware == Firmware.SEND_NOW ? " (send-now firmware, like the iM871A)" : "");
    }

    private void heard(byte[] frame, int rssi, Instant start, Instant end) {
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        if (firmware == Firmware.SEND_NOW) {
            // the frame crosses the HCI and USB before the host sees it; the radio's receive time stays the frame's end
            Duration late = hciTransfer(frame.length).plus(USB_LATENCY);
            medium.scheduler().schedule(late, () -> {
                Receiver now = receiver;
                if (now != null) {
                    now.received(new ReceivedFrame(frame, rssi, end));
                }
            });
            return;
        }
        Optional<SentAnswer> answered = release(frame, end);
        r.received(new ReceivedFrame(frame, rssi, end, answered));
    }

    /** The firmware: an armed answer for this sender and kind goes out at the trigger's end + the answer delay. */
    private Optional<SentAnswer> release(byte[] bytes, Instant end) {
        WirelessFrame frame;
        MessageKind kind;
        try {
            frame = WirelessFrame.decodeWithoutCrcs(bytes, 0, bytes.length);
            kind = MessageRules.classify(Medium.WIRELESS, Direction.FROM_DEVICE, frame.c().value(), frame.ci());
        } catch (DecodeException e) {
            return Optional.empty();
        }
        ArmedAnswer answer;
        synchronized (armed) {
            answer = armed.get(frame.address());
            if (answer == null || !answer.releasedBy(frame.address(), kind)) {
                return Optional.empty();
            }
            armed.remove(frame.address()); // used once
        }
        Duration delay = answerDelay;
        station.transmitAt(answer.frame(), end.plus(delay));
        return Optional.of(new SentAnswer(answer.frame(), Optional.of(delay)));
    }

    private static Duration hciTransfer(int frameBytes) {
        return Duration.ofNanos((frameBytes + HCI_OVERHEAD_BYTES) * HCI_NANOS_PER_BYTE);
    }
}
