package org.p2gate.mbus.wired;

import java.time.Duration;

/**
 * The timing parameters of one wired M-Bus segment (EN 13757-2; DSMR P2 4.2.2 §2.1, §3.1.4).
 *
 * <p>Every character is 11 bits on the wire: start bit, 8 data bits, even parity, stop bit (P2 §3.1.4
 * Table 3: 8E1). All times are derived from the bit time at {@link #baud()}; rounding is up to the next
 * nanosecond, so a computed wait is never shorter than the standard's.
 *
 * @param baud             bits per second; P2 §2.1 and §3.1.4 fix 2400 for DSMR (other rates for non-DSMR buses and tests)
 * @param retries          repetitions after a missing or invalid answer (EN 13757-2 / P2 §6.3.1: at most 2)
 * @param interByteTimeout how long the line may stay idle inside a frame beyond one character time before the
 *                         frame counts as truncated (EN 60870-5-1 FT1.2 as used by EN 13757-2 allows no idle
 *                         time inside a frame; the tolerance absorbs USB and TCP converters that deliver bytes in bursts)
 */
public record LinkSettings(int baud, int retries, Duration interByteTimeout) {

    /** P2 4.2.2 §2.1, §3.1.4: 2400 baud, fixed. */
    public static final int DSMR_BAUD = 2400;
    /** EN 13757-2 (and P2 §6.3.1 "a maximum of 2 retries"): repetitions after a failed exchange. */
    public static final int DEFAULT_RETRIES = 2;
    /** The default inter-byte tolerance: above a USB serial converter's latency timer (FTDI: 16 ms). */
    public static final Duration DEFAULT_INTER_BYTE_TIMEOUT = Duration.ofMillis(50);
    /** P2 §3.1.4 Table 3: 1 start + 8 data + 1 even parity + 1 stop bit. */
    public static final int BITS_PER_CHARACTER = 11;
    /** EN 13757-2: the slave starts its answer no earlier than 11 bit times after the request's end. */
    public static final int MIN_TURNAROUND_BITS = 11;
    /** EN 13757-2: the slave starts its answer at the latest 330 bit times + 50 ms after the request's end. */
    public static final int MAX_TURNAROUND_BITS = 330;
    /** EN 13757-2: the fixed part of the latest answer start. */
    public static final Duration MAX_TURNAROUND_EXTRA = Duration.ofMillis(50);

    /**
     * The line idle the master leaves after the last character on the line (a device's answer, a stray frame) before
     * it transmits its next frame: IEC 60870-5-1 FT1.2, whose frames EN 13757-2 uses, separates frames by a line idle
     * of at least 33 bit times; EN 13757-2's own minimum turnaround is 11 bit times ({@link #MIN_TURNAROUND_BITS}).
     * 33 bit times keep both (13.75 ms at 2400 baud).
     */
    public static final int INTER_FRAME_IDLE_BITS = 33;

    public LinkSettings {
        if (baud < 300 || baud > 38400) {
            throw new IllegalArgumentException("EN 13757-2 baud rates are 300..38400, got " + baud);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries must be 0..10 (EN 13757-2: 2), got " + retries);
        }
        if (interByteTimeout == null || interByteTimeout.isNegative()) {
            throw new IllegalArgumentException("the inter-byte timeout must be zero or positive");
        }
    }

    /** DSMR: 2400 baud, 2 retries, the default inter-byte tolerance. */
    public static LinkSettings dsmr() {
        return new LinkSettings(DSMR_BAUD, DEFAULT_RETRIES, DEFAULT_INTER_BYTE_TIMEOUT);
    }

    public LinkSettings withBaud(int newBaud) {
        return new LinkSettings(newBaud, retries, interByteTimeout);
    }

    public LinkSettings withRetries(int newRetries) {
        return new LinkSettings(baud, newRetries, interByteTimeout);
    }

    public LinkSettings withInterByteTimeout(Duration timeout) {
        return new LinkSettings(baud, retries, timeout);
    }

    /** The duration of {@code bits} bit times at {@link #baud()}, rounded up to the nanosecond. */
    public Duration bitTimes(long bits) {
        return Duration.ofNanos(bitNanos(bits));
    }

    /** {@link #bitTimes(long)} in nanoseconds. */
    public long bitNanos(long bits) {
        return (bits * 1_000_000_000L + baud - 1) / baud;
    }

    /** How long {@code bytes} characters take on the wire (11 bits each). */
    public Duration transmissionTime(int bytes) {
        return bitTimes((long) bytes * BITS_PER_CHARACTER);
    }

    /** {@link #INTER_FRAME_IDLE_BITS} bit times: the line idle before the master's next frame. */
    public Duration interFrameIdle() {
        return bitTimes(INTER_FRAME_IDLE_BITS);
    }

    /** EN 13757-2: the earliest start of an answer after the request's last bit. */
    public Duration earliestAnswerStart() {
        return bitTimes(MIN_TURNAROUND_BITS);
    }

    /** EN 13757-2: the latest start of an answer after the request's last bit, 330 bit times + 50 ms. */
    public Duration latestAnswerStart() {
        return bitTimes(MAX_TURNAROUND_BITS).plus(MAX_TURNAROUND_EXTRA);
    }

    /**
     * How long after the request's last bit the first character of the answer may arrive: the latest start
     * plus that character's own 11 bit times (a UART delivers a byte after its stop bit).
     */
    public Duration answerTimeout() {
        return bitTimes(MAX_TURNAROUND_BITS + BITS_PER_CHARACTER).plus(MAX_TURNAROUND_EXTRA);
    }

    /** The longest accepted interval between the arrivals of two bytes of one frame: a character time plus the tolerance. */
    public Duration interByteLimit() {
        return transmissionTime(1).plus(interByteTimeout);
    }
}
