package org.p2gate.p3;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long the server took for the requests it answered: from a request's last byte read by its connection thread to
 * its answer written (the wait for a processing permit included; the wait of a descheduled thread before it reads, and
 * the network, not). A histogram in quarter-octave buckets of microseconds, so a percentile is known to within 19 %.
 *
 * @param counts requests per bucket; bucket {@code b} holds times below {@link #upperBound(int)} of {@code b}
 */
public record ServiceTimes(long[] counts) {

    /** Quarter octaves of microseconds up to 2^26 µs (67 s); longer times count in the last bucket. */
    public static final int BUCKETS = 4 * 26 + 1;

    public ServiceTimes {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("a service-time histogram has " + BUCKETS + " buckets, got " + counts.length);
        }
        counts = counts.clone();
    }

    /** No request yet. */
    public static ServiceTimes none() {
        return new ServiceTimes(new long[BUCKETS]);
    }

    /** The bucket of a time of {@code nanos}. */
    public static int bucketOf(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        // 4 × log2(micros + 1), rounded down: quarter octaves
        double quarterOctaves = 4 * (Math.log(micros + 1.0) / Math.log(2));
        return (int) Math.min(BUCKETS - 1, Math.floor(quarterOctaves));
    }

    /** The time every request of {@code bucket} took less than. */
    public static Duration upperBound(int bucket) {
        return Duration.ofNanos(Math.round((Math.pow(2, (bucket + 1) / 4.0) - 1) * 1000));
    }

    public long count() {
        return Arrays.stream(counts).sum();
    }

    /** The time {@code p} (0..1) of the requests took less than (a bucket's upper bound); zero with no request. */
    public Duration percentile(double p) {
        long total = count();
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= Math.max(1, rank)) {
                return upperBound(b);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /** The requests counted here and not in {@code earlier} (a snapshot of the same server taken before). */
    public ServiceTimes since(ServiceTimes earlier) {
        long[] difference = new long[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            difference[b] = counts[b] - earlier.counts[b];
        }
        return new ServiceTimes(difference);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceTimes s && Arrays.equals(counts, s.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ServiceTimes[" + count() + " requests, p50 < " + percentile(0.5).toNanos() / 1000 + " µs, p99 < "
                + percentile(0.99).toNanos() / 1000 + " µs]";
    }
}
