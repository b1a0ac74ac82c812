package org.p2gate.mqtt.broker;

import java.time.Duration;

/** The wait before the next connection attempt: 1 s, doubled after each failure up to a ceiling, reset on success. */
final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);

    private final Duration ceiling;
    private Duration next = FIRST;
    private int attempts;

    Backoff(Duration ceiling) {
        this.ceiling = ceiling;
    }

    /** The wait after one more failure. */
    Duration failed() {
        attempts++;
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(ceiling) > 0 ? ceiling : next.multipliedBy(2);
        return wait.compareTo(ceiling) > 0 ? ceiling : wait;
    }

    /** Failed attempts since the last success. */
    int attempts() {
        return attempts;
    }

    void succeeded() {
        next = FIRST;
        attempts = 0;
    }
}
