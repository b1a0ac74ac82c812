package org.p2gate.mbus.wireless;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.ShortHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * A radio the test plays, with armed-answer firmware: it delivers frames it is given; a frame that releases what the
 * link armed for its sender is answered at t_RO (recorded in {@link #sent}, "notBefore" = the trigger's end + 2.5 ms).
 */
final class ScriptedRadio implements Radio {

    record Sent(byte[] frame, Instant notBefore) {
        int c() {
            return frame[1] & 0xFF;
        }

        int ci() {
            return frame[10] & 0xFF;
        }

        /** ACC of the long header: CI, ID(4) MAN(2) VER DEV, ACC. */
        int accessNumber() {
            return frame[19] & 0xFF;
        }
    }

    final List<Sent> sent = new ArrayList<>();
    final java.util.Map<ShortId, ArmedAnswer> armed = new java.util.HashMap<>();
    boolean answersArmed = true;
    private Receiver receiver;

    @Override
    public boolean answersArmed() {
        return answersArmed;
    }

    @Override
    public CompletableFuture<Void> arm(ArmedAnswer answer) {
        if (!answersArmed) {
            return CompletableFuture.failedFuture(new RadioCannotAnswerException(describe()));
        }
        armed.put(answer.meter(), answer);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disarm(ShortId meter) {
        armed.remove(meter);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> open(Receiver newReceiver) {
        receiver = newReceiver;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        receiver = null;
    }

    @Override
    public CompletableFuture<Void> transmit(byte[] frame, Instant notBefore) {
        sent.add(new Sent(frame.clone(), notBefore));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String describe() {
        return "scripted radio";
    }

    void deliver(byte[] frame, Instant at) {
        Optional<SentAnswer> answer = Optional.empty();
        try {
            WirelessFrame f = WirelessFrame.decodeWithoutCrcs(frame, 0, frame.length);
            org.p2gate.mbus.dsmr.MessageKind kind = org.p2gate.mbus.dsmr.MessageRules.classify(
                    org.p2gate.mbus.dsmr.Medium.WIRELESS, org.p2gate.mbus.transport.Direction.FROM_DEVICE, f.c().value(), f.ci());
            ArmedAnswer a = armed.get(f.address());
            if (a != null && a.releasedBy(f.address(), kind)) {
                armed.remove(f.address());
                java.time.Duration delay = java.time.Duration.ofNanos(2_500_000);
                sent.add(new Sent(a.frame(), at.plus(delay)));
                answer = Optional.of(new SentAnswer(a.frame(), Optional.of(delay)));
            }
        } catch (org.p2gate.mbus.DecodeException e) {
            // malformed: nothing released
        }
        receiver.received(new ReceivedFrame(frame, -60, at, answer));
    }

    /** A meter's frame with a short header (CI 7Ah or 8Ah). */
    static byte[] meterFrame(ShortId id, int c, int ci, int accessNumber, int cw, byte[] data) {
        byte[] linkData = TransportLayer.of(CiField.of(ci), Optional.of(ShortHeader.of(accessNumber, StatusByte.OK,
                new ConfigurationWord(cw))), data.length).encode(data);
        return new WirelessFrame(CField.of(c), id, linkData).encodeWithoutCrcs();
    }
}
