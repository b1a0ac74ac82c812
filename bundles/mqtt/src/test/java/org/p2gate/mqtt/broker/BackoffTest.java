package org.p2gate.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesFromOneSecondUpToTheCeilingAndStartsAgainAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(backoff.failed().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L), waits);
        assertEquals(6, backoff.attempts());
        backoff.succeeded();
        assertEquals(0, backoff.attempts());
        assertEquals(Duration.ofSeconds(1), backoff.failed());
    }

    @Test
    void aCeilingBelowOneSecondIsTheFirstWaitToo() {
        assertEquals(Duration.ofMillis(500), new Backoff(Duration.ofMillis(500)).failed());
    }
}
