package org.p2gate.simulator.wired;

import java.time.Instant;
import java.util.Objects;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.FunctionField;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;

/**
 * One hourly meter reading of a DSMR meter (P2 4.2.2 §6.1, §6.4.4..§6.4.7): an 8-digit BCD value
 * with the storage number bit set, its VIB (and subunit for cold), read from a {@link Register}.
 *
 * @param subunit  the DIFE device unit bit (P2 §6.4.5: 1 for cooling values), 0 otherwise
 * @param vib      the value information, e.g. 13h (0.001 m³) or 0Fh (0.01 GJ)
 * @param register the register, in the VIB's units
 */
public record HourlyValue(int subunit, ValueInformationBlock vib, Register register) {

    /** 8 BCD digits hold at most 99 999 999: the register wraps like a mechanical counter. */
    private static final long BCD8_MODULUS = 100_000_000L;

    public HourlyValue {
        Objects.requireNonNull(vib, "vib");
        Objects.requireNonNull(register, "register");
        if (subunit < 0 || subunit > 1) {
            throw new IllegalArgumentException("the subunit is 0 or 1, got " + subunit);
        }
    }

    /** A heat, volume or energy reading without subunit. */
    public static HourlyValue of(int vif, Register register) {
        return new HourlyValue(0, ValueInformationBlock.of(vif), register);
    }

    /**
     * The record of the value at the whole hour {@code hour}: DIF 4Ch (8-digit BCD, storage 1:
     * hourly value, P2 §6.1), DIFE 40h for a cooling value (P2 §6.4.5: DIF CCh DIFE 40h), the VIB.
     */
    public DataRecord recordAt(Instant hour) {
        long counts = Math.floorMod(register.countsAt(hour), BCD8_MODULUS);
        DataInformationBlock dib = DataInformationBlock.of(DataField.BCD8, FunctionField.INSTANTANEOUS, 1, 0, subunit);
        return DataRecord.of(dib, vib, RecordValue.Numeric.of(counts, vib.exponent()));
    }
}
