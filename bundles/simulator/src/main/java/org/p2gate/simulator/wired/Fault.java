package org.p2gate.simulator.wired;

import java.time.Duration;
import java.util.Objects;

/** A fault the {@link SimulatedBusSegment} injects into a device's answer. */
public sealed interface Fault {

    /** The device handles the request (its state changes) but its answer never reaches the master. */
    record NoAnswer() implements Fault {}

    /**
     * The answer starts {@code beyond} after the latest moment EN 13757-2 allows (330 bit times +
     * 50 ms after the request).
     */
    record LateAnswer(Duration beyond) implements Fault {
        public LateAnswer {
            Objects.requireNonNull(beyond, "beyond");
            if (beyond.isNegative() || beyond.isZero()) {
                throw new IllegalArgumentException("a late answer is later than the window, by more than 0");
            }
        }
    }

    /** Bits {@code mask} of answer byte {@code byteIndex} arrive inverted (an index past the end: the last byte). */
    record BitFlip(int byteIndex, int mask) implements Fault {
        public BitFlip {
            if (byteIndex < 0 || mask < 1 || mask > 0xFF) {
                throw new IllegalArgumentException("a bit flip needs a byte index >= 0 and a mask 01h..FFh");
            }
        }
    }

    /** Only the first {@code keptBytes} bytes of the answer are sent (at most all but the last). */
    record Truncated(int keptBytes) implements Fault {
        public Truncated {
            if (keptBytes < 0) {
                throw new IllegalArgumentException("kept bytes >= 0");
            }
        }
    }

    static Fault noAnswer() {
        return new NoAnswer();
    }

    static Fault lateAnswer(Duration beyond) {
        return new LateAnswer(beyond);
    }

    static Fault bitFlip(int byteIndex, int mask) {
        return new BitFlip(byteIndex, mask);
    }

    static Fault truncated(int keptBytes) {
        return new Truncated(keptBytes);
    }
}
