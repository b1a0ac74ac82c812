package org.p2gate.master.store;

import java.util.Objects;
import java.util.OptionalLong;
import org.p2gate.master.ChannelState;

/** The rules both stores enforce, whatever keeps the bytes. */
final class StoreRules {

    private StoreRules() {
    }

    /**
     * P2 4.2.2 §5.2 / DESIGN "Durability": a frame counter never goes backwards. The store's last line
     * of defence: a state of the same binding whose last validated frame counter is lower than (or,
     * being empty, forgets) the stored one is refused. A state with another binding (the channel freed,
     * or bound to another device) starts that device's own counter.
     *
     * @throws IllegalStateException naming the channel and both values
     */
    static void checkFrameCounter(ChannelState stored, ChannelState next) {
        OptionalLong before = stored.lastValidatedFrameCounter();
        if (before.isEmpty() || !Objects.equals(stored.binding(), next.binding())) {
            return;
        }
        OptionalLong after = next.lastValidatedFrameCounter();
        if (after.isEmpty() || after.getAsLong() < before.getAsLong()) {
            throw new IllegalStateException(next.channel() + ": refused, the last validated frame counter would go back from "
                    + before.getAsLong() + " to " + (after.isEmpty() ? "none" : Long.toString(after.getAsLong()))
                    + " (P2 §5.2: a frame counter never goes backwards); the stored state is kept");
        }
    }

    /** The map key of an hourly value: its capture time in whole seconds (values are compared at one-second resolution). */
    static long hourlyKey(java.time.Instant captureTime) {
        return captureTime.getEpochSecond();
    }

    /** The oldest hourly key kept when the newest is {@code newestKey}. */
    static long retentionCutoff(long newestKey, StoreSettings settings) {
        long retention = settings.hourlyRetention().getSeconds();
        return newestKey - retention;
    }

    static void checkMax(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("a number of events is 0 or more, got " + max);
        }
    }
}
