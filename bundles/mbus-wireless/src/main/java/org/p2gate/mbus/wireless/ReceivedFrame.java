package org.p2gate.mbus.wireless;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One wireless M-Bus frame as a radio received it: the frame without block CRCs (L C M A CI …, L = the
 * bytes after L, as EN 13757-4 format A counts them; the radio checked and removed the CRCs), the
 * received signal strength, the time its reception ended (the radio's receive time where it gives one), and
 * the armed answer its firmware sent to it, if any.
 *
 * @param frame    L C M A CI … without CRCs
 * @param rssiDbm  received signal strength in dBm (e.g. -70)
 * @param at       when the reception ended (EN 13757-4: the response window of the sender counts from here)
 * @param answered the {@link ArmedAnswer} the radio released by this frame, as sent
 */
public record ReceivedFrame(byte[] frame, int rssiDbm, Instant at, Optional<SentAnswer> answered) {

    public ReceivedFrame {
        if (frame == null || at == null || answered == null) {
            throw new IllegalArgumentException("a received frame needs its bytes, its time and its (possibly empty) answer");
        }
        frame = frame.clone();
    }

    /** A frame nothing was sent to (a receive-only radio, or nothing armed). */
    public ReceivedFrame(byte[] frame, int rssiDbm, Instant at) {
        this(frame, rssiDbm, at, Optional.empty());
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedFrame r && Arrays.equals(r.frame, frame) && r.rssiDbm == rssiDbm && r.at.equals(at)
                && r.answered.equals(answered);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frame) * 31 + at.hashCode();
    }

    @Override
    public String toString() {
        return "ReceivedFrame[" + frame.length + " bytes, " + rssiDbm + " dBm, " + at + answered.map(a -> ", " + a).orElse("") + "]";
    }
}
