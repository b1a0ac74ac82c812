package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.SerialTransport;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.PtyPair;
import org.p2gate.simulator.wired.SimulatedBusSegment;
import org.p2gate.simulator.wired.SimulatedWiredDevice;

/**
 * Issue 16's "done when", on the real serial path: the master (jSerialComm) on one end of a socat pty pair, a
 * simulated DSMR gas meter (jSerialComm too) on the other, in real time. The master opens the pty by its link name,
 * as a gateway opens /dev/ttyUSB0 or a /dev/serial/by-id link. Skipped where socat is missing (CI installs it).
 */
class SerialPathFieldFaultsTest {

    private Path dir;
    private Path masterEnd;
    private Path meterEnd;
    private PtyPair pty;
    private SystemScheduler masterSide;
    private SystemScheduler meterSide;
    private SimulatedBusSegment bus;
    private WiredLink link;
    private final ListEventSink sink = new ListEventSink();
    private final MasterStore store = new InMemoryMasterStore();
    private P2Master master;

    @BeforeEach
    void ptyPair(@TempDir Path temp) throws Exception {
        boolean installed = PtyPair.socatInstalled();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("socat is missing: .ci/run installs it for this test");
        }
        Assumptions.assumeTrue(installed, "socat is not installed: the serial path is not tested here");
        dir = temp;
        masterEnd = dir.resolve("ttyMaster");
        meterEnd = dir.resolve("ttyMeter");
        startSocat();
        meterSide = new SystemScheduler("p2gate-test-meter", Throwable::printStackTrace);
        masterSide = new SystemScheduler("p2gate-test-master", Throwable::printStackTrace);
        bus = SimulatedBusSegment.dsmr(meterSide, new SerialTransport(meterEnd.toRealPath().toString()));
        link = new WiredLink(new SerialTransport(masterEnd.toString()), masterSide, LinkSettings.dsmr());
        link.open().get(10, TimeUnit.SECONDS);
        master = new P2Master(link, masterSide, store, sink, MasterSettings.defaults());
    }

    private void startSocat() throws Exception {
        pty = PtyPair.open(masterEnd, meterEnd, Duration.ofSeconds(10));
    }

    @AfterEach
    void close() throws Exception {
        if (master != null) {
            master.stop();
        }
        if (link != null) {
            link.close().get(10, TimeUnit.SECONDS);
        }
        if (bus != null) {
            bus.close();
        }
        if (masterSide != null) {
            masterSide.close();
        }
        if (meterSide != null) {
            meterSide.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void attachAndBind(SimulatedWiredDevice device) throws Exception {
        bus.attach(device);
        assertTrue(get(master.bind(Bench.CH1, new Binding.Wired(device.primaryAddress()))).done());
    }

    @Test
    void thePtyPairRemovedAndRecreatedReadsResumeWithNoAction() throws Exception {
        DsmrMeter meter = Bench.gas(23456789, 5).build();
        attachAndBind(meter);
        master.start();
        assertEquals(Outcome.DONE, get(master.read(Bench.CH1)).outcome());
        sink.clear();

        long drop = System.nanoTime();
        pty.close(); // the converter unplugged: both ptys vanish
        bus.close();
        waitFor(() -> !link.isUp(), Duration.ofSeconds(10), "the master to see the line drop");
        long detected = System.nanoTime();
        waitFor(() -> sink.codes().contains(100), Duration.ofSeconds(5), "the communication error event");
        Thread.sleep(2_000); // the converter stays away two seconds

        startSocat(); // re-plugged: a new pty pair under the same names
        long back = System.nanoTime();
        bus = SimulatedBusSegment.dsmr(meterSide, new SerialTransport(meterEnd.toRealPath().toString()));
        bus.attach(meter);
        // no call to the master or the link: it reopens the port by itself and reads the bound channel
        waitFor(() -> sink.codes().contains(101), Duration.ofSeconds(40), "communication OK after the line returned");
        long resumed = System.nanoTime();
        assertTrue(link.isUp());
        assertEquals(Outcome.DONE, get(master.read(Bench.CH1)).outcome());
        System.out.printf("issue 16 line drop: detected after %d ms; reads resumed %d ms after the pty pair was back "
                + "(%d ms after the drop)%n", (detected - drop) / 1_000_000, (resumed - back) / 1_000_000,
                (resumed - drop) / 1_000_000);
    }

    @Test
    void aLostSndNkeTheNextReadHasItsValue() throws Exception {
        DsmrMeter meter = Bench.gas(23456789, 5).build();
        attachAndBind(meter);
        // the readout list changed to the versions, and the SND_NKE that restores it never arrived
        assertTrue(get(master.dataSend(Bench.CH1, FieldFaultsTest.versionSelection())).done());
        assertEquals(4, meter.readoutSelection().size());

        CommandResult read = get(master.read(Bench.CH1));

        assertEquals(Outcome.DONE, read.outcome(), read.toString());
        assertTrue(read.detail().contains("hourly value"), read.detail());
        assertTrue(store.channel(Bench.CH1).lastHourlyValue().isPresent());
        assertTrue(meter.readoutSelection().isEmpty(), "restored with SND_NKE (P2 §6.3.2)");
    }

    @Test
    void aWrongIvAnswerIsRejectedWithItsReason() throws Exception {
        TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
        store.putKeys(Bench.CH1, new ChannelKeys(Optional.of(Bench.DEFAULT_KEY), Optional.of(Bench.USER_KEY)));
        attachAndBind(device);
        device.tamper(new WrongIv("000102030405060708090A0B0C0D0E0F", Bench.gasId(23456789)));

        CommandResult read = get(master.read(Bench.CH1));

        assertEquals(Outcome.REJECTED, read.outcome(), read.toString());
        assertTrue(read.detail().startsWith("DECRYPTION_FAILED") && read.detail().contains("special function DIF 0Fh"),
                read.detail());
        assertEquals(Map.of(RejectionReason.DECRYPTION_FAILED, 1L), master.rejections(Bench.CH1));
        assertTrue(store.channel(Bench.CH1).lastValidatedFrameCounter().isEmpty(), "no frame counter used up");
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(10);
        }
    }
}
