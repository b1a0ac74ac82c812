package org.p2gate.master;

import java.util.Objects;
import org.p2gate.mbus.transport.ShortId;

/** How a channel reaches its device (P2 4.2.2 §8): a wired primary address or a wireless Short ID. */
public sealed interface Binding {

    /** A wired device at primary address 1..250 (P2 §3.1.3; 0 is an unconfigured device). */
    record Wired(int primaryAddress) implements Binding {
        public Wired {
            if (primaryAddress < 1 || primaryAddress > 250) {
                throw new IllegalArgumentException("a bound wired device has primary address 1..250, got " + primaryAddress);
            }
        }
    }

    /** A wireless device, known by its Short ID (P2 §4.2.2). */
    record Wireless(ShortId shortId) implements Binding {
        public Wireless {
            Objects.requireNonNull(shortId, "shortId");
        }
    }
}
