package org.p2gate.simulator.wired;

import java.util.List;
import java.util.Objects;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.transport.DeviceType;

/**
 * What kind of DSMR meter a {@link DsmrMeter} is: its device type, its meter configuration mask
 * (P2 4.2.2 §6.4.8) and its hourly values (§6.4.4..§6.4.7). Everything else (addressing, keys,
 * frame counters, commands) is the same for every DSMR wired M-Bus device.
 *
 * @param name              for {@code describe()}, e.g. "gas meter G4"
 * @param deviceType        the DEV field of the Short ID
 * @param configurationMask P2 §6.4.8, e.g. clock + converted volume for a gas meter
 * @param hourlyValues      the readings, in the order they are sent
 */
public record MeterProfile(String name, DeviceType deviceType, int configurationMask, List<HourlyValue> hourlyValues) {

    /** P2 4.2.2 §6.4.4: VIF 13h, 0.001 m³ (G4-G6). */
    public static final int VIF_VOLUME_LITRE = 0x13;
    /** P2 4.2.2 §6.4.4: VIF 14h, 0.01 m³ (G10-G25). */
    public static final int VIF_VOLUME_10_LITRES = 0x14;
    /** P2 4.2.2 §6.4.5: VIF 0Fh, 0.01 GJ. */
    public static final int VIF_ENERGY_10_MJ = 0x0F;
    /** P2 4.2.2 §6.4.7: VIF 03h, 1 Wh. */
    public static final int VIF_ENERGY_WH = 0x03;

    public MeterProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deviceType, "deviceType");
        if (configurationMask < 0 || configurationMask > 0xFF) {
            throw new IllegalArgumentException("the configuration mask is one byte");
        }
        hourlyValues = List.copyOf(hourlyValues);
    }

    /** P2 4.2.2 §6.4.4, G4-G6: temperature-converted volume, VIF 13h; clock and converted volume (mask 05h, B1.3). */
    public static MeterProfile gasG4(Register litres) {
        return new MeterProfile("gas meter G4-G6", DeviceType.GAS,
                DsmrRecords.CONFIG_CLOCK | DsmrRecords.CONFIG_CONVERTED_VOLUME,
                List.of(HourlyValue.of(VIF_VOLUME_LITRE, litres)));
    }

    /** P2 4.2.2 §6.4.4, G10-G25: temperature-converted volume in 10-litre steps, VIF 14h. */
    public static MeterProfile gasG10(Register tensOfLitres) {
        return new MeterProfile("gas meter G10-G25", DeviceType.GAS,
                DsmrRecords.CONFIG_CLOCK | DsmrRecords.CONFIG_CONVERTED_VOLUME,
                List.of(HourlyValue.of(VIF_VOLUME_10_LITRES, tensOfLitres)));
    }

    /** P2 4.2.2 §6.4.6: water meter (device type 07h), volume VIF 13h. */
    public static MeterProfile water(Register litres) {
        return new MeterProfile("water meter", DeviceType.WATER, DsmrRecords.CONFIG_CLOCK,
                List.of(HourlyValue.of(VIF_VOLUME_LITRE, litres)));
    }

    /**
     * P2 4.2.2 §6.4.5: thermal meter (device type 0Dh, §6.3): heat energy (DIF 4Ch VIF 0Fh), cold
     * energy (DIF CCh DIFE 40h VIF 0Fh: the device unit bit marks cooling), volume (VIF 13h).
     */
    public static MeterProfile heat(Register heat10Mj, Register cold10Mj, Register litres) {
        return new MeterProfile("thermal meter", DeviceType.HEAT_COOLING, DsmrRecords.CONFIG_CLOCK,
                List.of(HourlyValue.of(VIF_ENERGY_10_MJ, heat10Mj),
                        new HourlyValue(1, ValueInformationBlock.of(VIF_ENERGY_10_MJ), cold10Mj),
                        HourlyValue.of(VIF_VOLUME_LITRE, litres)));
    }

    /** P2 4.2.2 §6.4.7: slave electricity meter (device type 02h), energy VIF 03h (Wh). */
    public static MeterProfile slaveElectricity(Register wattHours) {
        return new MeterProfile("slave E-meter", DeviceType.ELECTRICITY, DsmrRecords.CONFIG_CLOCK,
                List.of(HourlyValue.of(VIF_ENERGY_WH, wattHours)));
    }
}
