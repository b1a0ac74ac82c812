package org.p2gate.master;

import java.util.List;

/**
 * An M-Bus channel of the E-meter, 1..4 (P2 4.2.2 §1.2: at most four M-Bus devices, wired and
 * wireless together; COSEM 0-x:24.1.0.255, x = the channel).
 */
public record Channel(int number) {

    public static final int MAX = 4;
    /** Channels 1, 2, 3 and 4. */
    public static final List<Channel> ALL = List.of(new Channel(1), new Channel(2), new Channel(3), new Channel(4));

    public Channel {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("M-Bus channels are 1..4, got " + number);
        }
    }

    public static Channel of(int number) {
        return ALL.get(checkedIndex(number));
    }

    private static int checkedIndex(int number) {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("M-Bus channels are 1..4, got " + number);
        }
        return number - 1;
    }

    @Override
    public String toString() {
        return "channel " + number;
    }
}
