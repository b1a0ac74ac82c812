package org.p2gate.simulator.wired;

import java.time.Duration;

/**
 * Times on a wired M-Bus at a baud rate (EN 13757-2; P2 4.2.2 §3.1.4: 2400 Bd, 8E1 fixed): a byte is
 * 11 bits (start, 8 data, even parity, stop). Nanoseconds are computed from bit counts each time
 * (never by adding rounded byte times), so long streams do not drift.
 *
 * @param baud bits per second
 */
public record WireTiming(int baud) {

    /** P2 4.2.2 §3.1.4, Table 3: 2400 Bd, even parity, 8 data bits, 1 stop bit. */
    public static final WireTiming DSMR = new WireTiming(2400);
    /** 8E1: start bit, 8 data bits, parity bit, stop bit. */
    public static final int BITS_PER_BYTE = 11;
    /** EN 13757-2: the slave waits at least 11 bit times before it answers. */
    public static final int MIN_RESPONSE_BITS = 11;
    /** EN 13757-2: the master waits 330 bit times + 50 ms for an answer. */
    public static final int MAX_RESPONSE_BITS = 330;
    /** EN 13757-2: ... + 50 ms. */
    public static final Duration MAX_RESPONSE_EXTRA = Duration.ofMillis(50);

    public WireTiming {
        if (baud < 300 || baud > 38400) {
            throw new IllegalArgumentException("M-Bus baud rates are 300..38400, got " + baud);
        }
    }

    /** The duration of {@code bits} bit times, in nanoseconds (rounded down). */
    public long bitsToNanos(long bits) {
        return Math.multiplyExact(bits, 1_000_000_000L) / baud;
    }

    /** The duration of {@code bytes} bytes of 11 bits, in nanoseconds. */
    public long bytesToNanos(long bytes) {
        return bitsToNanos(bytes * BITS_PER_BYTE);
    }

    /** One byte on the wire: 11 bit times (4.583 ms at 2400 Bd). */
    public Duration byteTime() {
        return Duration.ofNanos(bytesToNanos(1));
    }

    /** EN 13757-2: the earliest answer, 11 bit times after the request. */
    public Duration minResponseDelay() {
        return Duration.ofNanos(bitsToNanos(MIN_RESPONSE_BITS));
    }

    /** EN 13757-2: the latest answer, 330 bit times + 50 ms after the request (187.5 ms at 2400 Bd). */
    public Duration maxResponseDelay() {
        return Duration.ofNanos(bitsToNanos(MAX_RESPONSE_BITS)).plus(MAX_RESPONSE_EXTRA);
    }
}
