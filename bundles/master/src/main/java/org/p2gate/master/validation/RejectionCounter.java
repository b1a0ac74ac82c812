package org.p2gate.master.validation;

import java.util.EnumMap;
import java.util.Map;
import org.p2gate.master.Channel;

/** Rejections counted per channel and reason (DESIGN.md "Security": every rejection is counted). Thread-safe. */
public final class RejectionCounter {

    private final long[][] counts = new long[Channel.MAX + 1][RejectionReason.values().length];

    public synchronized void count(Channel channel, RejectionReason reason) {
        counts[channel.number()][reason.ordinal()]++;
    }

    /** The counts of one channel, reasons with none left out. */
    public synchronized Map<RejectionReason, Long> of(Channel channel) {
        Map<RejectionReason, Long> out = new EnumMap<>(RejectionReason.class);
        for (RejectionReason r : RejectionReason.values()) {
            long n = counts[channel.number()][r.ordinal()];
            if (n > 0) {
                out.put(r, n);
            }
        }
        return out;
    }

    /** The count of one reason over all channels. */
    public synchronized long total(RejectionReason reason) {
        long sum = 0;
        for (int c = 1; c <= Channel.MAX; c++) {
            sum += counts[c][reason.ordinal()];
        }
        return sum;
    }
}
