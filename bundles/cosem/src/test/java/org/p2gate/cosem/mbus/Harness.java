package org.p2gate.cosem.mbus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.internal.GXCommon;
import gurux.dlms.internal.GXDataInfo;
import gurux.dlms.objects.GXDLMSObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.installation.Installation;
import org.p2gate.installation.InstallationCandidates;
import org.p2gate.installation.InstallationSettings;
import org.p2gate.master.EventSink;
import org.p2gate.master.MasterSettings;
import org.p2gate.master.P2Master;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.simulator.wired.SimulatedBusSegment;

/**
 * The logical device over a real master on a simulated DSMR bus in virtual time, and the COSEM requests
 * as the P3 server hands them over (test helper). Answers are decoded with Gurux's own A-XDR decoder.
 */
final class Harness {

    static final Instant START = Instant.parse("2026-11-20T23:30:00Z");
    static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");

    final VirtualScheduler time = new VirtualScheduler(START);
    final SimulatedBusSegment bus;
    final P2Master master;
    final MasterDevice device;

    Harness() {
        this(false);
    }

    /** @param withRadio also a (simulated) radio: the E-meter serves wireless devices too */
    Harness(boolean withRadio) {
        InMemoryTransport[] wire = InMemoryTransport.pair(time);
        try {
            bus = SimulatedBusSegment.dsmr(time, wire[1]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        WiredLink link = new WiredLink(wire[0], time, LinkSettings.dsmr());
        link.open();
        master = new P2Master(java.util.Optional.of(link), withRadio ? java.util.Optional.of(
                new org.p2gate.simulator.wireless.MediumRadio(new org.p2gate.simulator.wireless.RadioMedium(time, 1), "E-meter"))
                : java.util.Optional.empty(), org.p2gate.mbus.wireless.WirelessSettings.dsmr(), time,
                new InMemoryMasterStore(), EventSink.NONE, MasterSettings.defaults());
        device = new MasterDevice(master, new Installation(master, time, InstallationSettings.defaults(),
                InstallationCandidates.NONE));
    }

    GXDLMSObject object(String logicalName) {
        return device.objects().stream().filter(o -> o.getLogicalName().equals(logicalName)).findFirst().orElseThrow();
    }

    /** Reads an attribute as the server would and decodes the answer; fails on an error result. */
    Object read(String logicalName, int index) {
        return read(logicalName, index, 0, null);
    }

    Object read(String logicalName, int index, int selector, Object parameters) {
        GXDLMSObject target = object(logicalName);
        ValueEventArgs e = new ValueEventArgs(target, index, selector, parameters);
        device.read(e);
        assertTrue(e.getError() == ErrorCode.OK, "read " + logicalName + "/" + index + ": " + e.getError());
        byte[] encoded;
        if (e.getHandled()) {
            encoded = (byte[]) e.getValue();
        } else {
            GXByteBuffer bb = new GXByteBuffer();
            GXCommon.setData(null, bb, target.getDataType(index), target.getValues()[index - 1]);
            encoded = bb.array();
        }
        return GXCommon.getData(null, new GXByteBuffer(encoded), new GXDataInfo());
    }

    ValueEventArgs invoke(String logicalName, int method, Object parameters) {
        ValueEventArgs e = new ValueEventArgs(object(logicalName), method, 0, parameters);
        e.setAction(true);
        device.action(e);
        return e;
    }

    ValueEventArgs write(String logicalName, int index, Object value) {
        ValueEventArgs e = new ValueEventArgs(object(logicalName), index, 0, null);
        e.setValue(value);
        device.write(e);
        return e;
    }

    /** Runs virtual time until {@code done} holds (at most ten virtual minutes). */
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
}
