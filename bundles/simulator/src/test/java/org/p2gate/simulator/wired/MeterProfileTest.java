package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2gate.simulator.wired.MasterRequests.hex;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** The DSMR water, thermal and slave E-meters: the same device with the records of P2 §6.4.5..§6.4.7. */
class MeterProfileTest {

    static final Instant NOW = Instant.parse("2013-07-16T13:05:00Z");

    static Message read(MeterProfile profile, DeviceType type) {
        ShortId id = ShortId.of(31412740, ManufacturerCode.of("ABC"), 0x42, type);
        DsmrMeter meter = DsmrMeter.builder(profile, id).build();
        try {
            return new MessageDecoder(KeyLookup.NONE)
                    .decode(meter.answer(MasterRequests.onTheWire(MasterRequests.reqUd2(0)), NOW).orElseThrow());
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> hourly(Message m) {
        // after status, equipment identifier and time stamp; before the configuration mask
        List<DataRecord> r = m.records();
        return r.subList(3, r.size() - 1).stream().map(x -> hex(x.toBytes())).toList();
    }

    @Test
    void waterMeterSendsVolumeAsSection646() {
        Message m = read(MeterProfile.water(Register.constant(3_141_274)), DeviceType.WATER);
        assertEquals(0x07, ((LongHeader) m.transport().orElseThrow().header().orElseThrow()).deviceId().deviceType().code());
        assertEquals(List.of("4C1374121403"), hourly(m)); // §6.4.6: 03141,274 m³
    }

    @Test
    void thermalMeterSendsHeatColdAndVolumeAsSection645() {
        Message m = read(MeterProfile.heat(Register.constant(314_127), Register.constant(314_127), Register.constant(2_440_474)),
                DeviceType.HEAT_COOLING);
        // §6.4.5: 4C 0F 27 41 31 00, CC 40 0F 27 41 31 00 (cooling: DIFE device unit bit), 4C 13 74 04 44 02
        assertEquals(List.of("4C0F27413100", "CC400F27413100", "4C1374044402"), hourly(m));
    }

    @Test
    void slaveEMeterSendsWattHoursAsSection647() {
        Message m = read(MeterProfile.slaveElectricity(Register.constant(3_141_274)), DeviceType.ELECTRICITY);
        assertEquals(List.of("4C0374121403"), hourly(m));
    }

    @Test
    void gasMeterG10SendsTensOfLitresAsSection644() {
        Message m = read(MeterProfile.gasG10(Register.constant(31_412_743)), DeviceType.GAS);
        assertEquals(List.of("4C1443274131"), hourly(m)); // 314127,43 m³
    }

    @Test
    void linearRegisterGrowsProRataAndWrapsAt8Digits() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        Register r = Register.linear(t0, 99_999_950, 100);
        assertEquals(99_999_950, r.countsAt(t0));
        assertEquals(100_000_000, r.countsAt(t0.plusSeconds(1800)));
        HourlyValue v = HourlyValue.of(0x13, r);
        assertEquals("4C1350000000", hex(v.recordAt(t0.plusSeconds(3600)).toBytes())); // 100000050 → 00000050
    }
}
