package org.p2gate.master;

import org.p2gate.master.store.InMemoryMasterStore;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.VirtualScheduler;
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
import org.slf4j.LoggerFactory;

/**
 * The master on a real WiredLink over an in-memory transport to a simulated DSMR bus segment, all in
 * one virtual time, with a test store and event sink, and the log captured (test helper).
 */
final class Bench implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-20T23:30:00Z");
    /** P2 4.2.2 Appendix B keys. */
    static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    static final AesKey OTHER_KEY = AesKey.fromHex("F0E1D2C3B4A5968778695A4B3C2D1E0F");
    static final Channel CH1 = Channel.of(1);
    static final Channel CH2 = Channel.of(2);
    static final Channel CH3 = Channel.of(3);
    static final Channel CH4 = Channel.of(4);

    final VirtualScheduler time = new VirtualScheduler(START);
    final SimulatedBusSegment bus;
    final WiredLink link;
    /** The in-memory wire: {@code [0]} the master's end, {@code [1]} the bus's (e.g. {@code wire[1].failPeer}: the line drops). */
    final InMemoryTransport[] wire;
    final MasterStore store;
    final ListEventSink sink = new ListEventSink();
    final P2Master master;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ch.qos.logback.classic.Logger root =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    Bench() throws Exception {
        this(MasterSettings.defaults());
    }

    Bench(MasterSettings settings) throws Exception {
        this(settings, new InMemoryMasterStore());
    }

    /** The same on a given store (e.g. the on-disk one). */
    Bench(MasterSettings settings, MasterStore store) throws Exception {
        this.store = store;
        log.start();
        root.addAppender(log);
        wire = InMemoryTransport.pair(time);
        bus = SimulatedBusSegment.dsmr(time, wire[1]);
        link = new WiredLink(wire[0], time, LinkSettings.dsmr());
        await(link.open());
        master = new P2Master(link, time, store, sink, settings);
    }

    /** Runs virtual time in 100 ms steps until {@code future} is done (at most ten virtual minutes). */
    <T> T await(CompletableFuture<T> future) {
        for (int i = 0; i < 6000 && !future.isDone(); i++) {
            time.advance(Duration.ofMillis(100));
        }
        assertTrue(future.isDone(), "done within ten virtual minutes");
        return future.join();
    }

    static ShortId gasId(int identification) {
        return ShortId.of(identification, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    }

    /** A G4 gas meter reading 1000 l at START and 250 l/h more, with the Appendix B default key. */
    static DsmrMeter.Builder gas(int identification, int address) {
        return DsmrGasMeter.builder(gasId(identification), Register.linear(START, 1_000, 250)).defaultKey(DEFAULT_KEY)
                .primaryAddress(address).seed(identification);
    }

    /** Attaches {@code device} and binds {@code channel} to its address. */
    void bind(Channel channel, org.p2gate.simulator.wired.SimulatedWiredDevice device) {
        bus.attach(device);
        CommandResult r = await(master.bind(channel, new Binding.Wired(device.primaryAddress())));
        assertTrue(r.done(), r.toString());
    }

    /** Gives the channel the user key the meter already has (as after an earlier installation). */
    void userKey(Channel channel, AesKey key) {
        store.putKeys(channel, new ChannelKeys(Optional.of(DEFAULT_KEY), Optional.of(key)));
    }

    /** Captures every level, TRACE up, until {@link #close()}. */
    void logEverything() {
        previousLevel = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
    }

    private ch.qos.logback.classic.Level previousLevel;

    List<String> logLines() {
        return log.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    @Override
    public void close() {
        root.detachAppender(log);
        if (previousLevel != null) {
            root.setLevel(previousLevel);
        }
    }
}
