package org.p2gate.master;

import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.FunctionField;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.transport.DeviceType;

/**
 * Which record of an RSP_UD or SND_NR is a device's hourly value, per medium (P2 4.2.2 §6.4.4–§6.4.7), as
 * data: the one table behind both the value the master stores and the channel's capture_definition (class 72
 * attribute 3), so the two always agree. §6.3: "The order in which data blocks are inserted … is not
 * specified": the value is the first record, in this table's order, that a message carries, wherever it is in
 * the message. The data field (BCD, binary) is the device's choice (EN 13757-3); the storage number, tariff,
 * device unit (§6.4.5: set for cooling) and VIB must be the table's.
 */
public final class HourlyRecords {

    /**
     * One record the E-meter captures: the DIB (storage number 1: the hourly value, §6.1) and VIB of §6.4.x.
     *
     * @param dib as §6.4.x prints it (8-digit BCD, DIF 4Ch, or CCh 40h for cooling)
     * @param vib the VIF
     */
    public record Capture(DataInformationBlock dib, ValueInformationBlock vib) {

        /** Whether {@code r} is this value (any data field): storage 1, tariff 0, the device unit, the VIB. */
        public boolean matches(DataRecord r) {
            return r.dataInformation().storageNumber() == dib.storageNumber() && matchesStored(r);
        }

        /** The same, whatever the storage number. */
        boolean matchesStored(DataRecord r) {
            DataInformationBlock d = r.dataInformation();
            return d.tariff() == dib.tariff() && d.subunit() == dib.subunit() && d.function() == dib.function()
                    && r.valueInformation().equals(vib) && r.number().isPresent() && r.scaledValue().isPresent()
                    && r.cosemUnit().isPresent();
        }
    }

    /** §6.4.4 G4–G6 and §6.4.6 (water, heat volume): 4C 13, 0.001 m³. */
    private static final Capture VOLUME_LITRE = capture(0, 0x13);
    /** §6.4.4 G10–G25: 4C 14, 0.01 m³ (converted volume). */
    private static final Capture VOLUME_10_LITRES = capture(0, 0x14);
    /** §6.4.5 heat: 4C 0F, 0.01 GJ, no cooling DIFE (or its device bit 0). */
    private static final Capture HEAT = capture(0, 0x0F);
    /** §6.4.5 cold: CC 40 0F, the device unit bit marks cooling. */
    private static final Capture COLD = capture(1, 0x0F);
    /** §6.4.7 slave E-meter: 4C 03, Wh. */
    private static final Capture ELECTRICITY = capture(0, 0x03);

    private HourlyRecords() {}

    private static Capture capture(int subunit, int vif) {
        return new Capture(DataInformationBlock.of(DataField.BCD8, FunctionField.INSTANTANEOUS, 1, 0, subunit),
                ValueInformationBlock.of(vif));
    }

    /** The records the E-meter captures for a device of {@code type}, in order of preference; empty if none. */
    public static List<Capture> of(DeviceType type) {
        int code = type.code();
        if (code == DeviceType.GAS.code()) {
            return List.of(VOLUME_LITRE, VOLUME_10_LITRES); // §6.4.4: converted volume, never VIF 93 3A (unconverted)
        }
        if (code == DeviceType.WATER.code() || code == DeviceType.WARM_WATER.code() || code == DeviceType.HOT_WATER.code()
                || code == DeviceType.COLD_WATER.code()) {
            return List.of(VOLUME_LITRE); // §6.4.6
        }
        if (code == DeviceType.HEAT_OUTLET.code() || code == DeviceType.HEAT_INLET.code()
                || code == DeviceType.HEAT_COOLING.code()) {
            return List.of(HEAT); // §6.4.5: the heat energy, not the cold one nor the volume
        }
        if (code == DeviceType.COOLING_OUTLET.code() || code == DeviceType.COOLING_INLET.code()) {
            return List.of(COLD); // §6.4.5
        }
        if (code == DeviceType.ELECTRICITY.code()) {
            return List.of(ELECTRICITY); // §6.4.7
        }
        return List.of();
    }

    /** The hourly value among {@code records} of a device of {@code type}, whatever their order (§6.3). */
    public static Optional<DataRecord> select(DeviceType type, List<DataRecord> records) {
        return select(type, records, 1);
    }

    /**
     * The actual value among {@code records} (§6.1: "M-Bus devices can transfer either actual values or hourly
     * values"): the record of {@link #select} with storage number 0 (Appendix A: DIF 0Ch).
     */
    public static Optional<DataRecord> selectActual(DeviceType type, List<DataRecord> records) {
        return select(type, records, 0);
    }

    private static Optional<DataRecord> select(DeviceType type, List<DataRecord> records, long storage) {
        for (Capture c : of(type)) {
            for (DataRecord r : records) {
                if (r.dataInformation().storageNumber() == storage && c.matchesStored(r)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
