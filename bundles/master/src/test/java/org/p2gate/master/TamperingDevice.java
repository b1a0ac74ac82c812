package org.p2gate.master;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.SimulatedWiredDevice;

/**
 * A simulated meter with an attacker in the line: it records the meter's answers and can replay an
 * old one or rewrite them (test helper).
 */
final class TamperingDevice implements SimulatedWiredDevice {

    private final DsmrMeter meter;
    private final List<byte[]> answers = new ArrayList<>();
    private UnaryOperator<byte[]> tamper = UnaryOperator.identity();

    TamperingDevice(DsmrMeter meter) {
        this.meter = meter;
    }

    /** From now on, answer with what {@code change} makes of the meter's answer. */
    void tamper(UnaryOperator<byte[]> change) {
        this.tamper = change;
    }

    /** From now on, answer every request with the {@code index}-th answer recorded (a replay). */
    void replay(int index) {
        byte[] old = answers.get(index).clone();
        this.tamper = fresh -> old.clone();
    }

    /** A long frame's checksum (the sum of C .. the last data byte) set after a change; returns {@code out}. */
    static byte[] checksummed(byte[] out) {
        int sum = 0;
        for (int i = 4; i < out.length - 2; i++) {
            sum += out[i] & 0xFF;
        }
        out[out.length - 2] = (byte) sum;
        return out;
    }

    List<byte[]> answers() {
        return answers;
    }

    @Override
    public int primaryAddress() {
        return meter.primaryAddress();
    }

    @Override
    public Optional<byte[]> answer(WiredFrame request, Instant now) {
        Optional<byte[]> answer = meter.answer(request, now);
        answer.ifPresent(a -> answers.add(a.clone()));
        return answer.map(tamper);
    }

    @Override
    public String describe() {
        return "tampered " + meter.describe();
    }
}
