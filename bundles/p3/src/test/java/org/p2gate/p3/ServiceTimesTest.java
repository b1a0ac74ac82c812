package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service-time histogram: buckets, percentiles as upper bounds within a quarter octave, differences. */
class ServiceTimesTest {

    private static ServiceTimes of(long... nanos) {
        long[] counts = new long[ServiceTimes.BUCKETS];
        for (long n : nanos) {
            counts[ServiceTimes.bucketOf(n)]++;
        }
        return new ServiceTimes(counts);
    }

    @Test
    void everyTimeIsBelowTheUpperBoundOfItsBucketAndWithinAQuarterOctaveOfIt() {
        for (long micros : new long[] {1, 7, 100, 999, 1000, 4095, 250_000}) {
            long nanos = micros * 1000;
            Duration bound = ServiceTimes.upperBound(ServiceTimes.bucketOf(nanos));
            assertTrue(bound.toNanos() > nanos, micros + " µs < " + bound);
            assertTrue(bound.toNanos() <= Math.pow(2, 0.25) * (nanos + 1000) + 1, micros + " µs: bound " + bound);
        }
    }

    @Test
    void theP99OfAHundredTimesIsTheBucketOfTheSlowestButOne() {
        long[] nanos = new long[100];
        for (int i = 0; i < 99; i++) {
            nanos[i] = 50_000; // 50 µs
        }
        nanos[99] = 20_000_000; // 20 ms
        ServiceTimes times = of(nanos);

        assertEquals(100, times.count());
        assertEquals(ServiceTimes.upperBound(ServiceTimes.bucketOf(50_000)), times.percentile(0.99));
        assertEquals(ServiceTimes.upperBound(ServiceTimes.bucketOf(20_000_000)), times.percentile(1.0));
        assertEquals(Duration.ZERO, ServiceTimes.none().percentile(0.99), "no request: zero");
    }

    @Test
    void aLaterSnapshotLessAnEarlierOneHoldsTheRequestsBetween() {
        ServiceTimes earlier = of(10_000, 10_000);
        ServiceTimes later = of(10_000, 10_000, 3_000_000);

        ServiceTimes between = later.since(earlier);

        assertEquals(1, between.count());
        assertEquals(ServiceTimes.upperBound(ServiceTimes.bucketOf(3_000_000)), between.percentile(0.5));
        assertThrows(IllegalArgumentException.class, () -> new ServiceTimes(new long[3]));
    }
}
