package org.p2gate.p3.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.p2gate.p3.P3Statistics;
import org.p2gate.p3.RefusalReason;
import org.p2gate.p3.ServiceTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's counters (refusals, associations, requests, service times), and the one WARN line per refusal (never key
 * bytes: callers pass reasons, not data).
 */
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger("org.p2gate.p3");

    private final Map<RefusalReason, LongAdder> counts = new EnumMap<>(RefusalReason.class);
    private final LongAdder associations = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final AtomicLongArray serviceTimes = new AtomicLongArray(ServiceTimes.BUCKETS);

    Refusals() {
        for (RefusalReason reason : RefusalReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    /** Logs and counts one refusal. {@code clientSap} is -1 before the client is known. */
    void refuse(RefusalReason reason, int clientSap, String remote, String why) {
        counts.get(reason).increment();
        LOG.warn("P3 refused {} (client SAP {}, {}): {}", reason, clientSap < 0 ? "?" : clientSap, remote, why);
    }

    void associationOpened() {
        associations.increment();
    }

    void requestServed() {
        requests.increment();
    }

    /** One answered frame that took {@code nanos} from its last byte read to its answer written. */
    void answered(long nanos) {
        serviceTimes.incrementAndGet(ServiceTimes.bucketOf(nanos));
    }

    P3Statistics snapshot() {
        Map<RefusalReason, Long> values = new EnumMap<>(RefusalReason.class);
        counts.forEach((reason, count) -> values.put(reason, count.sum()));
        long[] times = new long[ServiceTimes.BUCKETS];
        for (int b = 0; b < times.length; b++) {
            times[b] = serviceTimes.get(b);
        }
        return new P3Statistics(values, associations.sum(), requests.sum(), new ServiceTimes(times));
    }
}
