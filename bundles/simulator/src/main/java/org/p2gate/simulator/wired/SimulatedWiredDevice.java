package org.p2gate.simulator.wired;

import java.time.Instant;
import java.util.Optional;
import org.p2gate.mbus.frame.WiredFrame;

/**
 * The logic of one simulated wired M-Bus device: it hears every frame on its bus segment and
 * answers the ones that concern it. No timing and no I/O: the {@link SimulatedBusSegment} models
 * the wire. Implementations are not thread-safe; the segment calls them from one task at a time.
 */
public interface SimulatedWiredDevice {

    /** The primary address the device answers to now (P2 4.2.2 §3.1.3: 0 = unconfigured, 1..250). */
    int primaryAddress();

    /**
     * The device's answer to {@code request}, heard complete at {@code now}: the bytes it sends (a
     * single character, a short or a long frame), or empty if it stays silent (another address, a
     * message it must reject, a command it ignores).
     */
    Optional<byte[]> answer(WiredFrame request, Instant now);

    /**
     * The baud rate the device listens and answers at now. A segment passes frames only to devices
     * at its own baud (a UART at another rate reads garbage). DSMR devices: 2400, fixed (P2 §3.1.4).
     */
    default int baud() {
        return WireTiming.DSMR.baud();
    }

    /** What the device is, for logs, e.g. "DSMR gas meter 23456789 NET at 1". Never a key. */
    String describe();
}
