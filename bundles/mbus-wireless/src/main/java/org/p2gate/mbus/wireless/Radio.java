package org.p2gate.mbus.wireless;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A wireless M-Bus transceiver (SPI): a USB dongle ({@link Im871aRadio}) or a simulated radio medium.
 * Frames cross this interface without block CRCs (L C M A CI …): the radio checks and removes them on
 * reception and adds them on transmission (EN 13757-4 format A, P2 4.2.2 §3.2 Table 4).
 */
public interface Radio {

    /**
     * Starts the radio in EN 13757-4 mode T2 as the "other device" (P2 4.2.2 §2.2) and delivers every frame
     * it receives to {@code receiver}. Completes when the radio is ready; fails with an {@link IOException}
     * that says what to check.
     */
    CompletableFuture<Void> open(Receiver receiver);

    /** Stops receiving and transmitting; the radio may be opened again. */
    void close();

    /**
     * Sends one frame (L C M A CI …, without CRCs) so that it starts on air no earlier than {@code notBefore}
     * (EN 13757-4: the other device answers a meter no earlier than the minimum response delay after the
     * meter's frame). Completes when the radio has sent it; fails with an {@link IOException} if it could not.
     */
    CompletableFuture<Void> transmit(byte[] frame, Instant notBefore);

    /** What the radio is, for logs (e.g. "iM871A on /dev/ttyUSB0"). */
    String describe();

    /** Where a radio delivers what it receives; called from the radio's own thread. */
    interface Receiver {
        /** A frame with valid CRCs was received. */
        void received(ReceivedFrame frame);

        /** The radio failed (e.g. the dongle was unplugged); it must be opened again. */
        void failed(IOException cause);
    }
}
