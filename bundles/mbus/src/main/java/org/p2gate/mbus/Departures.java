package org.p2gate.mbus;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a decoder tolerates real meters' departures from the standard, and the ones it met. The
 * {@linkplain #strict() strict} instance (the DSMR master's) tolerates none and records nothing;
 * a {@linkplain #lenient() lenient} one belongs to one decoding and is not thread-safe.
 */
public final class Departures {

    private static final Departures STRICT = new Departures(false);

    private final boolean lenient;
    private final List<Departure> met;

    private Departures(boolean lenient) {
        this.lenient = lenient;
        this.met = lenient ? new ArrayList<>(2) : List.of();
    }

    /** Tolerates nothing: every departure is a {@link DecodeException}. Shared; allocation-free. */
    public static Departures strict() {
        return STRICT;
    }

    /** A fresh collector for one decoding that tolerates the {@link Departure.Kind}s. */
    public static Departures lenient() {
        return new Departures(true);
    }

    public boolean isLenient() {
        return lenient;
    }

    /** Records a tolerated departure; only a lenient instance may be given one. */
    public void add(Departure departure) {
        if (!lenient) {
            throw new IllegalStateException("a strict decoding tolerates no departure: " + departure.kind());
        }
        met.add(departure);
    }

    /**
     * A collector for a part decoded on its own (offsets from the part's start): this strict instance
     * when strict; see {@link #addShifted}.
     */
    public Departures forPart() {
        return lenient ? new Departures(true) : this;
    }

    /** Takes over the departures of a {@link #forPart() part} that starts {@code base} bytes into this one's input. */
    public void addShifted(Departures part, int base) {
        if (part == this) {
            return;
        }
        for (Departure d : part.met) {
            add(d.shifted(base));
        }
    }

    /** The departures met so far, in the order met. */
    public List<Departure> list() {
        return List.copyOf(met);
    }
}
