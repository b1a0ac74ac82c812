package org.p2gate.mbus.wireless;

import java.time.Instant;
import java.util.Arrays;

/**
 * One wireless M-Bus frame as a radio received it: the frame without block CRCs (L C M A CI …, L = the
 * bytes after L, as EN 13757-4 format A counts them; the radio checked and removed the CRCs), the
 * received signal strength, and the time its reception ended.
 *
 * @param frame   L C M A CI … without CRCs
 * @param rssiDbm received signal strength in dBm (e.g. -70)
 * @param at      when the reception ended (EN 13757-4: the response window of the sender counts from here)
 */
public record ReceivedFrame(byte[] frame, int rssiDbm, Instant at) {

    public ReceivedFrame {
        if (frame == null || at == null) {
            throw new IllegalArgumentException("a received frame needs its bytes and its time");
        }
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedFrame r && Arrays.equals(r.frame, frame) && r.rssiDbm == rssiDbm && r.at.equals(at);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frame) * 31 + at.hashCode();
    }

    @Override
    public String toString() {
        return "ReceivedFrame[" + frame.length + " bytes, " + rssiDbm + " dBm, " + at + "]";
    }
}
