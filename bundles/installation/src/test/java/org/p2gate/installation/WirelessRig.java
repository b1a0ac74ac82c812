package org.p2gate.installation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.master.EventSink;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MasterSettings;
import org.p2gate.master.MasterStore;
import org.p2gate.master.P2Master;
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
 * Installation over a real master whose only medium is a radio, a DSMR 4.2.2 wireless gas meter on the simulated
 * air, all in one virtual time; every transmission on the air is recorded by the medium (test helper).
 */
final class WirelessRig {

    static final Instant START = Instant.parse("2026-11-20T10:10:00Z");
    static final ShortId GAS = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);

    final VirtualScheduler time = new VirtualScheduler(START);
    final RadioMedium medium = new RadioMedium(time, 42);
    final WirelessGasMeter meter = WirelessGasMeter.create(medium, time, GAS,
            MeterProfile.gasG4(Register.linear(START, 1_234_567, 150)), Rig.DEFAULT_KEY, Duration.ofSeconds(4), 42);
    final List<MBusEvent> events = new ArrayList<>();
    /** The E-meter on the air now (a replacement swaps it). */
    EMeter emeter;

    /** One E-meter: its radio, master, store and installation. */
    final class EMeter {
        final MediumRadio radio;
        final MasterStore store = new InMemoryMasterStore();
        final P2Master master;
        final Installation installation;

        EMeter(String name, long seed) {
            radio = new MediumRadio(medium, name);
            EventSink sink = event -> {
                synchronized (events) {
                    events.add(event);
                }
            };
            master = new P2Master(Optional.empty(), Optional.of(radio), WirelessSettings.dsmr().withAccessNumberSeed(seed),
                    time, store, sink, MasterSettings.defaults());
            master.start();
            installation = new Installation(master, time, InstallationSettings.defaults(), master::installationCandidates);
            time.runDue();
        }

        /** The C-fields this E-meter sent, in order. */
        List<Integer> sent() {
            return medium.transmissions().stream().filter(t -> t.sender() == radio.station()).map(t -> t.frame()[1] & 0xFF)
                    .toList();
        }
    }

    WirelessRig() {
        emeter = new EMeter("E-meter", 1);
    }

    /** The E-meter is exchanged: the old one leaves the air, a new one (nothing bound, no keys) takes its place. */
    EMeter replaceEmeter() {
        emeter.master.stop();
        emeter.installation.close();
        time.advance(Duration.ofSeconds(1));
        emeter = new EMeter("replacement E-meter", 2);
        return emeter;
    }

    /** The C-fields on the air, meter and E-meter interleaved, in order. */
    List<Integer> air() {
        return medium.transmissions().stream().map(t -> t.frame()[1] & 0xFF).toList();
    }

    List<MBusEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    void advance(Duration d) {
        time.advance(d);
    }

    /** Runs virtual time in 100 ms steps until {@code future} is done (at most ten virtual minutes). */
    <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        for (int i = 0; i < 6000 && !future.isDone(); i++) {
            time.advance(Duration.ofMillis(100));
        }
        if (!future.isDone()) {
            throw new AssertionError("not done within ten virtual minutes");
        }
        return future.join();
    }

    static AesKey key(String hex) {
        return AesKey.fromHex(hex);
    }
}
