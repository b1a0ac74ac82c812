package org.p2gate.p3;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the P3 server's counters.
 *
 * @param refusals           refusals per reason (every reason present, zero if none)
 * @param associationsOpened associations accepted (AARE accepted; for the management client after HLS pass 4)
 * @param requestsServed     xDLMS requests handed to the logical device and answered
 * @param serviceTimes       how long the answers took, for every frame answered
 */
public record P3Statistics(Map<RefusalReason, Long> refusals, long associationsOpened, long requestsServed,
        ServiceTimes serviceTimes) {

    public P3Statistics {
        EnumMap<RefusalReason, Long> all = new EnumMap<>(RefusalReason.class);
        for (RefusalReason reason : RefusalReason.values()) {
            all.put(reason, refusals.getOrDefault(reason, 0L));
        }
        refusals = Collections.unmodifiableMap(all);
        Objects.requireNonNull(serviceTimes, "serviceTimes");
    }

    /** How often the server refused for {@code reason}. */
    public long refusals(RefusalReason reason) {
        return refusals.get(reason);
    }

    /** All refusals, whatever the reason. */
    public long totalRefusals() {
        return refusals.values().stream().mapToLong(Long::longValue).sum();
    }
}
