package org.p2gate.simulator.wireless;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.mbus.wireless.ReceivedFrame;

/** The E-meter's {@link Radio} on a {@link RadioMedium}: a station in the role of the other device. */
public final class MediumRadio implements Radio {

    private final RadioMedium.Station station;
    private volatile Receiver receiver;

    public MediumRadio(RadioMedium medium, String name) {
        this.station = medium.attach(name, RadioMedium.Role.OTHER, this::heard);
    }

    /** The station, e.g. to set its link quality to a meter. */
    public RadioMedium.Station station() {
        return station;
    }

    @Override
    public CompletableFuture<Void> open(Receiver newReceiver) {
        this.receiver = newReceiver;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        receiver = null;
    }

    @Override
    public CompletableFuture<Void> transmit(byte[] frame, Instant notBefore) {
        if (receiver == null) {
            return CompletableFuture.failedFuture(new java.io.IOException("the simulated radio " + station + " is closed"));
        }
        return station.transmit(frame, notBefore).thenApply(t -> null);
    }

    @Override
    public String describe() {
        return "simulated radio " + station;
    }

    private void heard(byte[] frame, int rssi, Instant start, Instant end) {
        Receiver r = receiver;
        if (r != null) {
            r.received(new ReceivedFrame(frame, rssi, end));
        }
    }
}
