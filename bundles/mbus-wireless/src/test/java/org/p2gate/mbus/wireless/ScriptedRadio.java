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

/** A radio the test plays: it delivers frames it is given and records what the link transmits. */
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
    private Receiver receiver;

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
        receiver.received(new ReceivedFrame(frame, -60, at));
    }

    /** A meter's frame with a short header (CI 7Ah or 8Ah). */
    static byte[] meterFrame(ShortId id, int c, int ci, int accessNumber, int cw, byte[] data) {
        byte[] linkData = TransportLayer.of(CiField.of(ci), Optional.of(ShortHeader.of(accessNumber, StatusByte.OK,
                new ConfigurationWord(cw))), data.length).encode(data);
        return new WirelessFrame(CField.of(c), id, linkData).encodeWithoutCrcs();
    }
}
