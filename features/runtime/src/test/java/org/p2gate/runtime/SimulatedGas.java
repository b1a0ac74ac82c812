package org.p2gate.runtime;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.p2gate.simulator.wired.MeterSpec;

/** The simulator component's gas meter (MeterSpec "gas"): 1000 l at {@link MeterSpec#REGISTER_ORIGIN}, 250 l/h more. */
final class SimulatedGas {

    private SimulatedGas() {}

    /** Its register at a whole hour, in m³ with the three decimals of VIF 13h (0.001 m³). */
    static BigDecimal volumeAt(Instant wholeHour) {
        long hours = Duration.between(MeterSpec.REGISTER_ORIGIN, wholeHour).toHours();
        return BigDecimal.valueOf(1_000 + 250 * hours, 3);
    }
}
