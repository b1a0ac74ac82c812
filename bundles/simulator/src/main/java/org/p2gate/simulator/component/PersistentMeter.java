package org.p2gate.simulator.component;

import java.time.Instant;
import java.util.Optional;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.SimulatedWiredDevice;

/** A simulated DSMR meter that saves its {@link org.p2gate.simulator.wired.MeterState} after each frame that changed it. */
final class PersistentMeter implements SimulatedWiredDevice {

    private final DsmrMeter meter;
    private final MeterStateFile file;

    PersistentMeter(DsmrMeter meter, MeterStateFile file) {
        this.meter = meter;
        this.file = file;
        file.save(meter.shortId().identificationNumber(), meter.state());
    }

    @Override
    public int primaryAddress() {
        return meter.primaryAddress();
    }

    @Override
    public Optional<byte[]> answer(WiredFrame request, Instant now) {
        Optional<byte[]> answer = meter.answer(request, now);
        // saved before the answer goes on the wire: a meter never sends a frame counter it could forget (P2 §5.2)
        file.save(meter.shortId().identificationNumber(), meter.state());
        return answer;
    }

    @Override
    public int baud() {
        return meter.baud();
    }

    @Override
    public String describe() {
        return meter.describe();
    }
}
