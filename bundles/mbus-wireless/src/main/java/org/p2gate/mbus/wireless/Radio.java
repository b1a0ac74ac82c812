package org.p2gate.mbus.wireless;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.p2gate.mbus.transport.ShortId;

/**
 * A wireless M-Bus transceiver (SPI): "arm, then observe" (RADIO-TIMING.md). A T2 meter hears an answer only if it
 * starts 2.0–3.0 ms after its frame ends (EN 13757-4 t_RO); a host behind a serial HCI and USB learns of the frame
 * ≥ 5 ms after it ended. So the host {@linkplain #arm arms} answers per meter ahead of the deadline and the radio's
 * firmware sends them by itself; the host is told what the radio received (with the radio's receive time) and what it
 * sent (how long after the trigger's end). Frames cross this interface without block CRCs (L C M A CI …): the radio
 * checks and removes them on reception and adds them on transmission (EN 13757-4 format A, P2 4.2.2 §3.2 Table 4).
 */
public interface Radio {

    /** What the {@link #arm} refusal of a receive-only radio says to the operator. */
    String ANSWERING_RADIO = "a radio whose firmware sends pre-loaded answers, such as the Amber/Würth AMB8465-M"
            + " (CMD_DATA_PRELOAD_REQ), is needed to answer meters (installation, key transfer, commands)";

    /**
     * Starts the radio in EN 13757-4 mode T2 as the "other device" (P2 4.2.2 §2.2) and delivers every frame
     * it receives to {@code receiver}. Completes when the radio is ready; fails with an {@link IOException}
     * that says what to check.
     */
    CompletableFuture<Void> open(Receiver receiver);

    /** Stops receiving and transmitting and forgets every armed answer; the radio may be opened again. */
    void close();

    /** Whether the radio's firmware sends {@linkplain #arm armed} answers by itself (else it only receives here). */
    boolean answersArmed();

    /**
     * Arms {@code answer}, replacing what was armed for its meter. Completes when the radio holds it; fails with a
     * {@link RadioCannotAnswerException} on a radio that cannot, or an {@link IOException}.
     */
    CompletableFuture<Void> arm(ArmedAnswer answer);

    /** Clears the answer armed for {@code meter}, if any. */
    CompletableFuture<Void> disarm(ShortId meter);

    /**
     * Sends one frame now (no earlier than {@code notBefore}): the host-reactive path, which meets no T2 response
     * window (kept for radios and tests that show it). Completes when the radio has sent it.
     */
    CompletableFuture<Void> transmit(byte[] frame, Instant notBefore);

    /** What the radio is, for logs (e.g. "iM871A on /dev/ttyUSB0"). */
    String describe();

    /** Where a radio delivers what it receives; called from the radio's own thread. */
    interface Receiver {
        /** A frame with valid CRCs was received (and, when it released an armed answer, what was sent). */
        void received(ReceivedFrame frame);

        /** The radio failed (e.g. the dongle was unplugged); it must be opened again. */
        void failed(IOException cause);
    }
}
