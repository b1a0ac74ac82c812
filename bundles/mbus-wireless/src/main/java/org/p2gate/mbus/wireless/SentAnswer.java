package org.p2gate.mbus.wireless;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the radio's firmware sent by itself in answer to a received frame: the armed frame, and when it started on
 * air after the end of the frame that released it (empty when the radio does not say; the link then counts the
 * answer as sent at the radio's nominal t_RO).
 *
 * @param frame               the armed frame, L C M A CI … without CRCs
 * @param startAfterTriggerEnd start on air, measured from the end of the received frame, on the radio's clock
 */
public record SentAnswer(byte[] frame, Optional<Duration> startAfterTriggerEnd) {

    public SentAnswer {
        if (frame == null || startAfterTriggerEnd == null) {
            throw new IllegalArgumentException("a sent answer needs its frame and (possibly empty) start offset");
        }
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SentAnswer s && Arrays.equals(s.frame, frame) && s.startAfterTriggerEnd.equals(startAfterTriggerEnd);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frame) * 31 + startAfterTriggerEnd.hashCode();
    }

    @Override
    public String toString() {
        return "SentAnswer[" + frame.length + " bytes, start +" + startAfterTriggerEnd.map(d -> d.toNanos() / 1e6 + " ms").orElse("?") + "]";
    }
}
