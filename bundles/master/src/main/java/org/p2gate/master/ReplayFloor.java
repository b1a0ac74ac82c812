package org.p2gate.master;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.p2gate.mbus.transport.ShortId;

/**
 * What the master keeps of a device when its channel is freed (issue 15 item 11; P2 4.2.2 §5.2: the frame counter
 * "is never reset", and a replay is tolerated only "directly after the Gas meter is installed"): its last validated
 * frame counter and the capture time of its last hourly value taken. When the same device is bound again, on any
 * channel, a message at or below the counter, and an hourly value at or before that time, are not taken.
 *
 * @param device       the Short ID (P2 §4.2.2)
 * @param frameCounter the last validated frame counter, if the device ever sent one
 * @param lastCapture  the capture time of its last hourly value taken
 */
public record ReplayFloor(ShortId device, OptionalLong frameCounter, Optional<Instant> lastCapture) {

    public ReplayFloor {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(frameCounter, "frameCounter");
        Objects.requireNonNull(lastCapture, "lastCapture");
    }

    /** The floor a channel's state leaves for its device, raised over {@code earlier} (never lowered). */
    static Optional<ReplayFloor> of(ChannelState state, Optional<ReplayFloor> earlier) {
        if (state.device().isEmpty()) {
            return Optional.empty();
        }
        OptionalLong fc = state.lastValidatedFrameCounter();
        Optional<Instant> capture = state.lastHourlyValue().map(HourlyValue::captureTime);
        if (earlier.isPresent()) {
            OptionalLong before = earlier.get().frameCounter();
            if (before.isPresent() && (fc.isEmpty() || Long.compareUnsigned(before.getAsLong(), fc.getAsLong()) > 0)) {
                fc = before;
            }
            Optional<Instant> was = earlier.get().lastCapture();
            if (was.isPresent() && (capture.isEmpty() || was.get().isAfter(capture.get()))) {
                capture = was;
            }
        }
        if (fc.isEmpty() && capture.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplayFloor(state.device().get(), fc, capture));
    }
}
