package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.SerialTransport;
import org.p2gate.mbus.wired.WiredLink;

/**
 * The real serial path: the master's link through jSerialComm on one end of a socat pseudo-terminal
 * pair, a simulated DSMR gas meter (also through jSerialComm) on the other, in real time. CI
 * installs socat (.ci/run); elsewhere the test is skipped when socat is missing.
 */
class SerialPathThroughSocatTest {

    private PtyPair pty;
    private SystemScheduler meterSide;
    private SystemScheduler masterSide;
    private SimulatedBusSegment bus;
    private WiredLink link;

    @BeforeEach
    void ptyPair(@TempDir Path dir) throws Exception {
        boolean installed = PtyPair.socatInstalled();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("socat is missing: .ci/run installs it for this test");
        }
        Assumptions.assumeTrue(installed, "socat is not installed: the serial path is not tested here");
        pty = PtyPair.open(dir.resolve("ttyMaster"), dir.resolve("ttyMeter"), Duration.ofSeconds(10));
        Path master = pty.first();
        Path meter = pty.second();
        meterSide = new SystemScheduler("p2gate-test-meter", Throwable::printStackTrace);
        masterSide = new SystemScheduler("p2gate-test-link", Throwable::printStackTrace);
        bus = SimulatedBusSegment.dsmr(meterSide, new SerialTransport(meter.toRealPath().toString()));
        ShortId id = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        bus.attach(DsmrGasMeter.builder(id, Register.constant(391)).primaryAddress(5).build());
        link = new WiredLink(new SerialTransport(master.toRealPath().toString()), masterSide, LinkSettings.dsmr());
        link.open().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
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

    @Test
    void theMasterReadsASimulatedMeterThroughJSerialCommAndAPtyPair() throws Exception {
        link.sndNke(5).get(10, TimeUnit.SECONDS);
        LongFrame answer = link.reqUd2(5).get(10, TimeUnit.SECONDS);

        Message message = new MessageDecoder(KeyLookup.NONE).decodeWired(answer.encode(), 0, answer.encodedLength());
        assertEquals("23456789", message.device().orElseThrow().identificationNumber());
        assertTrue(message.records().size() >= 4, "the meter's records: " + message.records());
        assertEquals(2, link.statistics().answers());
        assertEquals(0, link.statistics().noAnswers());
    }
}
