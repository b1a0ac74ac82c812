package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.HourlyValue;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;

/**
 * Issue 15 item 3, P2 4.2.2 §6.3 ("The order in which data blocks are inserted in an RSP-UD … is not specified")
 * and §6.4.4–§6.4.7: the hourly value is the record the channel's capture definition names, wherever it stands —
 * meters of every medium send other storage-1 numbers before it.
 */
class HourlyRecordOrderTest {

    private static final Instant HOUR = Instant.parse("2026-11-20T23:00:00Z");

    /** A register that is {@code counts} at every time. */
    private static Register constant(long counts) {
        return Register.linear(Bench.START, counts, 0);
    }

    private static HourlyValue record(int subunit, Register register, int... vib) {
        return new HourlyValue(subunit, ValueInformationBlock.of(vib), register);
    }

    /** Reads a meter of {@code type} that sends {@code records} in this order; the stored hourly value. */
    private static org.p2gate.master.HourlyValue storedFrom(DeviceType type, List<HourlyValue> records) throws Exception {
        try (Bench b = new Bench()) {
            ShortId id = ShortId.of(34567890, ManufacturerCode.of("NET"), 0x42, type);
            DsmrMeter meter = DsmrMeter.builder(new MeterProfile("permuted " + type, type, 0x01, records), id)
                    .primaryAddress(9).seed(9).build();
            b.bind(Bench.CH1, meter);
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            org.p2gate.master.HourlyValue v = b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow();
            assertEquals(HOUR, v.captureTime());
            assertEquals(List.of(v), b.store.hourlyValues(Bench.CH1, HOUR, HOUR.plusSeconds(1)), "the profile has it too");
            return v;
        }
    }

    @Test
    void p2_6_4_4_gasTheConvertedVolumeAfterTheUnconvertedOne() throws Exception {
        // Appendix A: 0C 93 3A unconverted volume first, then 4C 13 converted
        var v = storedFrom(DeviceType.GAS, List.of(record(0, constant(99_999), 0x93, 0x3A), record(0, constant(12_345), 0x13)));
        assertEquals(new BigDecimal("12.345"), v.value());
        assertEquals(-3, v.scaler());
    }

    @Test
    void p2_6_4_4_gasG10AfterTheUnconvertedOne() throws Exception {
        var v = storedFrom(DeviceType.GAS, List.of(record(0, constant(99_999), 0x94, 0x3A), record(0, constant(4_321), 0x14)));
        assertEquals(new BigDecimal("43.21"), v.value());
        assertEquals(-2, v.scaler());
    }

    @Test
    void p2_6_4_5_heatTheHeatEnergyAfterTheColdEnergyAndTheVolume() throws Exception {
        var v = storedFrom(DeviceType.HEAT_COOLING, List.of(record(1, constant(777), 0x0F), record(0, constant(55_555), 0x13),
                record(0, constant(314_127), 0x0F)));
        assertEquals(0, new BigDecimal("3141.27E9").compareTo(v.value()), "heat 4C 0F, 0.01 GJ, not cold CC 40 0F: " + v);
        assertEquals("J", v.unit());
    }

    @Test
    void p2_6_4_5_coldTheColdEnergyAfterTheVolumeAndAHeatValue() throws Exception {
        var v = storedFrom(DeviceType.COOLING_OUTLET, List.of(record(0, constant(55_555), 0x13),
                record(0, constant(888), 0x0F), record(1, constant(1_234), 0x0F)));
        assertEquals(0, new BigDecimal("12.34E9").compareTo(v.value()), "cold CC 40 0F, 0.01 GJ: " + v);
    }

    @Test
    void p2_6_4_6_waterTheVolumeAfterAFlowRate() throws Exception {
        // 4C 3B: volume flow, storage 1 — a number with a unit, not the hourly volume
        var v = storedFrom(DeviceType.WATER, List.of(record(0, constant(42), 0x3B), record(0, constant(314_127), 0x13)));
        assertEquals(new BigDecimal("314.127"), v.value());
    }

    @Test
    void p2_6_4_7_slaveElectricityTheEnergyAfterThePower() throws Exception {
        // 4C 2B: power in W, storage 1
        var v = storedFrom(DeviceType.ELECTRICITY, List.of(record(0, constant(2_500), 0x2B), record(0, constant(3_141_274), 0x03)));
        assertEquals(new BigDecimal("3141274"), v.value());
    }

    @Test
    void p2_6_4_captureDefinitionNamesTheRecordEachMediumStores() {
        assertEquals(List.of("4C/13", "4C/14"), names(DeviceType.GAS));
        assertEquals(List.of("4C/0F"), names(DeviceType.HEAT_COOLING));
        assertEquals(List.of("CC40/0F"), names(DeviceType.COOLING_INLET));
        assertEquals(List.of("4C/13"), names(DeviceType.WATER));
        assertEquals(List.of("4C/03"), names(DeviceType.ELECTRICITY));
        assertEquals(List.of(), names(DeviceType.OTHER));
    }

    private static List<String> names(DeviceType type) {
        return HourlyRecords.of(type).stream().map(c -> hex(c.dib().toBytes()) + "/" + hex(c.vib().toBytes())).toList();
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02X", b & 0xFF));
        }
        return s.toString();
    }
}
