package org.p2gate.master;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.WirelessSettings;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;
import org.p2gate.simulator.wireless.MediumRadio;
import org.p2gate.simulator.wireless.RadioMedium;
import org.p2gate.simulator.wireless.WirelessGasMeter;

/**
 * The master with only a radio (no wired M-Bus) on a simulated radio medium with a DSMR 4.2.2 wireless gas
 * meter, all in one virtual time, a test store and event sink (test helper).
 */
final class WirelessBench {

    static final Instant START = Instant.parse("2026-03-02T10:20:00Z");
    static final ShortId GAS = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    static final AesKey DEFAULT_KEY = Bench.DEFAULT_KEY;
    static final AesKey USER_KEY = Bench.USER_KEY;
    static final AesKey OTHER_KEY = Bench.OTHER_KEY;
    static final Channel CH1 = Channel.of(1);

    final VirtualScheduler time = new VirtualScheduler(START);
    final RadioMedium medium;
    final MediumRadio radio;
    final MasterStore store = new InMemoryMasterStore();
    final ListEventSink sink = new ListEventSink();
    final P2Master master;
    final WirelessGasMeter meter;
    private final MasterSettings settings;

    WirelessBench(long seed, double loss) {
        this(seed, loss, MasterSettings.defaults());
    }

    WirelessBench(long seed, double loss, MasterSettings settings) {
        this.settings = settings;
        medium = new RadioMedium(time, seed);
        medium.defaultLoss(loss);
        radio = new MediumRadio(medium, "E-meter");
        master = newMaster(radio, store, sink, seed);
        // 1,234.567 m³ at START, 150 l/h
        meter = WirelessGasMeter.create(medium, time, GAS, MeterProfile.gasG4(Register.linear(START, 1_234_567, 150)),
                DEFAULT_KEY, Duration.ofSeconds(5), seed);
        master.start();
        time.runDue();
    }

    /** A master (an E-meter) with its own radio on this bench's air. */
    P2Master newMaster(MediumRadio own, MasterStore ownStore, EventSink ownSink, long seed) {
        return new P2Master(Optional.empty(), Optional.of(own), WirelessSettings.dsmr().withAccessNumberSeed(seed), time,
                ownStore, ownSink, settings);
    }

    List<RadioMedium.Transmission> fromEmeter() {
        return medium.transmissions().stream().filter(t -> t.sender() == radio.station()).toList();
    }

    /** The C-field of a transmitted frame (without CRCs: L C ...). */
    static int cField(RadioMedium.Transmission t) {
        return t.frame()[1] & 0xFF;
    }

    /** The meter in installation mode, its Short ID written into channel 1, a CNF_IR exchanged. */
    void install() {
        meter.startInstallation();
        time.advance(Duration.ofSeconds(1));
        master.bind(CH1, new Binding.Wireless(GAS));
        time.advance(Duration.ofMinutes(3));
    }

    void advance(Duration duration) {
        time.advance(duration);
    }
}
