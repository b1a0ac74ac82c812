package org.p2gate.simulator.wired;

import java.time.Instant;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ShortId;

/**
 * The DSMR 4.2.2 wired gas meter: a {@link DsmrMeter} with the gas profile of P2 §6.4.4. A factory
 * only; water, thermal and slave E-meters are the same device with another {@link MeterProfile}.
 */
public final class DsmrGasMeter {

    /** P2 4.2.2 §4.2.3: DSMR compliance level 4.2 in the version field. */
    public static final int DSMR_VERSION = 0x42;

    private DsmrGasMeter() {}

    /** A G4-G6 gas meter with this Short ID reading {@code litres}. */
    public static DsmrMeter.Builder builder(ShortId id, Register litres) {
        if (!id.deviceType().equals(DeviceType.GAS)) {
            throw new IllegalArgumentException("a gas meter's device type is 03h, got " + id.deviceType());
        }
        return DsmrMeter.builder(MeterProfile.gasG4(litres), id);
    }

    /**
     * The meter of the examples of P2 4.2.2 Appendix B: identification 23456789, manufacturer NET,
     * version 42h, gas; its register reads 391 litres (B1.3) at {@code start} and grows 100 litres an hour.
     */
    public static DsmrMeter.Builder appendixB(Instant start) {
        ShortId id = ShortId.of(23456789, ManufacturerCode.of("NET"), DSMR_VERSION, DeviceType.GAS);
        return builder(id, Register.linear(start, 391, 100)).equipmentIdentifier("XXXXX110123456789");
    }
}
