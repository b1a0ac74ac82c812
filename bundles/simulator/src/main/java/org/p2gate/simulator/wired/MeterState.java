package org.p2gate.simulator.wired;

import java.util.Objects;
import org.p2gate.mbus.security.AesKey;

/**
 * What a real DSMR meter keeps across a power loss of the E-meter (and its own): its primary address (P2 §6.5.2),
 * its user key (§6.5), its frame counter, which "is never reset" (§5.2), and its access number (§4.2.4). The
 * simulator saves it so a keyed channel still reads after the gateway restarts.
 *
 * @param primaryAddress 0..250
 * @param userKey        {@link AesKey#ZERO}: none (§6.5.2)
 * @param accessNumber   0..255
 * @param frameCounter   the last frame counter sent or validated
 */
public record MeterState(int primaryAddress, AesKey userKey, int accessNumber, long frameCounter) {

    public MeterState {
        if (primaryAddress < 0 || primaryAddress > DsmrMeter.MAX_ADDRESS) {
            throw new IllegalArgumentException("primary addresses are 0..250, got " + primaryAddress);
        }
        Objects.requireNonNull(userKey, "userKey");
        if (accessNumber < 0 || accessNumber > 0xFF) {
            throw new IllegalArgumentException("the access number is one byte, got " + accessNumber);
        }
        if (frameCounter < 0) {
            throw new IllegalArgumentException("the frame counter is not negative, got " + frameCounter);
        }
    }

    @Override
    public String toString() {
        // never the key (DESIGN: secrets)
        return "MeterState[address " + primaryAddress + ", " + (userKey.isZero() ? "no user key" : "user key set")
                + ", access number " + accessNumber + ", frame counter " + frameCounter + "]";
    }
}
