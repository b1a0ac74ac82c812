package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.master.Channel;
import org.p2gate.master.EventSink;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MasterSettings;
import org.p2gate.master.P2Master;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.simulator.wired.DsmrGasMeter;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Register;
import org.p2gate.simulator.wired.SimulatedBusSegment;

/**
 * Installation over a real master and WiredLink on a simulated DSMR bus segment, all in one virtual time, with the
 * master's end of the wire recorded (test helper).
 */
final class Rig {

    static final Instant START = Instant.parse("2026-11-20T10:10:00Z");
    /** P2 4.2.2 Appendix B keys. */
    static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    static final AesKey NEW_USER_KEY = AesKey.fromHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");
    static final Channel CH1 = Channel.of(1);
    static final Channel CH2 = Channel.of(2);

    final VirtualScheduler time = new VirtualScheduler(START);
    final SimulatedBusSegment bus;
    final RecordingTransport wire;
    final P2Master master;
    final List<MBusEvent> events = new ArrayList<>();
    final TestCandidates candidates = new TestCandidates();
    private final InstallationSettings settings;
    Installation installation;

    Rig() {
        this(InstallationSettings.defaults());
    }

    Rig(InstallationSettings settings) {
        this(settings, TaskJournal.NONE);
    }

    Rig(InstallationSettings settings, TaskJournal journal) {
        this.settings = settings;
        InMemoryTransport[] pair = InMemoryTransport.pair(time);
        try {
            bus = SimulatedBusSegment.dsmr(time, pair[1]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        wire = new RecordingTransport(pair[0]);
        WiredLink link = new WiredLink(wire, time, LinkSettings.dsmr());
        link.open();
        EventSink sink = event -> {
            synchronized (events) {
                events.add(event);
            }
        };
        master = new P2Master(link, time, new InMemoryMasterStore(), sink, MasterSettings.defaults());
        installation = new Installation(master, time, settings, candidates, journal);
    }

    /**
     * The gateway restarted: installation starts anew on the same master (its state is durable and tested as such in
     * the master) with {@code journal} read again, and gets its power-up.
     */
    void restartInstallation(TaskJournal journal) {
        installation.close();
        installation = new Installation(master, time, settings, candidates, journal);
        await(installation.powerUp());
    }

    static ShortId gasId(int identification) {
        return ShortId.of(identification, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    }

    /** A DSMR gas meter at {@code address} (0: unconfigured), no user key, the Appendix B default key, attached. */
    DsmrMeter gas(int identification, int address) {
        return attach(builder(identification, address).build());
    }

    static DsmrMeter.Builder builder(int identification, int address) {
        return DsmrGasMeter.builder(gasId(identification), Register.linear(START, 1_000, 250)).defaultKey(DEFAULT_KEY)
                .primaryAddress(address).seed(identification);
    }

    DsmrMeter attach(DsmrMeter meter) {
        bus.attach(meter);
        return meter;
    }

    /** Runs virtual time in 100 ms steps until {@code done} holds (at most ten virtual minutes). */
    void until(BooleanSupplier done) {
        for (int i = 0; i < 6000 && !done.getAsBoolean(); i++) {
            time.advance(Duration.ofMillis(100));
        }
        assertTrue(done.getAsBoolean(), "done within ten virtual minutes");
    }

    <T> T await(CompletableFuture<T> future) {
        until(future::isDone);
        return future.join();
    }

    /** The task chain of {@code channel} reached {@code step}. */
    boolean at(Channel channel, TaskStep step) {
        return progress(channel).map(p -> p.step() == step).orElse(false);
    }

    java.util.Optional<ChannelProgress> progress(Channel channel) {
        return installation.status().channels().stream().filter(p -> p.channel().equals(channel)).findFirst();
    }

    List<Integer> codes() {
        synchronized (events) {
            return events.stream().map(MBusEvent::code).toList();
        }
    }
}
