package org.p2gate.mbus.wireless;

import java.util.Arrays;
import java.util.Set;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.transport.ShortId;

/**
 * A frame the radio's firmware sends by itself, at t_RO after the end of the next frame from {@code meter} whose kind
 * is one of {@code triggers} (EN 13757-4 T2: the answer must start 2.0–3.0 ms after the meter's frame; no host can
 * meet that, so the host arms the answer ahead: RADIO-TIMING.md). One armed answer per meter; arming again replaces
 * it; it is used once.
 *
 * @param meter    the meter's Short ID (the link address of its frames)
 * @param triggers the meter's frame kinds that release it (e.g. SND_NR opens a FAC, SND_IR gets the CNF_IR)
 * @param frame    the answer, L C M A CI … without CRCs
 */
public record ArmedAnswer(ShortId meter, Set<MessageKind> triggers, byte[] frame) {

    public ArmedAnswer {
        if (meter == null || triggers == null || triggers.isEmpty() || frame == null) {
            throw new IllegalArgumentException("an armed answer needs a meter, at least one trigger and a frame");
        }
        triggers = Set.copyOf(triggers);
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    /** Whether a frame of {@code kind} from {@code sender} releases this answer. */
    public boolean releasedBy(ShortId sender, MessageKind kind) {
        return meter.equals(sender) && triggers.contains(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArmedAnswer a && a.meter.equals(meter) && a.triggers.equals(triggers) && Arrays.equals(a.frame, frame);
    }

    @Override
    public int hashCode() {
        return meter.hashCode() * 31 + Arrays.hashCode(frame);
    }

    @Override
    public String toString() {
        return "ArmedAnswer[" + meter + " on " + triggers + ", " + frame.length + " bytes]";
    }
}
