package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;

/**
 * Issue 15 item 13, P2 4.2.2 §4.2.6: "For wired, all bits except "MMMM" and "NNNN" shall be set to "0" for both the
 * E-meter and the M-Bus device." A wired answer with B, A, S, bit 12, the content or hop bits set is rejected.
 */
class WiredConfigurationWordTest {

    /** The configuration word of a wired RSP_UD: 68 L L 68 C A CI ID(4) MAN(2) VER DEV ACC ST, then CW LSB first. */
    private static final int CW_LOW = 17;

    private static byte[] orCw(byte[] frame, int bits) {
        if (frame.length < 20) {
            return frame;
        }
        byte[] out = frame.clone();
        out[CW_LOW] |= (byte) bits;
        out[CW_LOW + 1] |= (byte) (bits >> 8);
        return TamperingDevice.checksummed(out);
    }

    @Test
    void p2_4_2_6_aWiredAnswerWithAReservedConfigurationBitIsRejected() throws Exception {
        for (boolean encrypted : new boolean[] {false, true}) {
            try (Bench b = new Bench()) {
                var meter = Bench.gas(23456789, 5);
                TamperingDevice device = new TamperingDevice((encrypted ? meter.userKey(Bench.USER_KEY) : meter).build());
                if (encrypted) {
                    b.userKey(Bench.CH1, Bench.USER_KEY);
                }
                b.bind(Bench.CH1, device);
                // B, A, S, content, hop counter (bit 12, DSMR's "reserved", is EN 13757-3's fifth mode bit: a mode
                // of 16 or more is rejected as UNSUPPORTED_SECURITY, ResponseValidator)
                int[] reserved = {0x8000, 0x4000, 0x2000, 0x000C, 0x0003};
                for (int bits : reserved) {
                    device.tamper(frame -> orCw(frame, bits));
                    assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome(),
                            "CW bits " + Integer.toHexString(bits) + (encrypted ? ", mode 15" : ", unencrypted"));
                    b.time.advance(Duration.ofMinutes(1));
                }
                assertEquals(Map.of(RejectionReason.RESERVED_BITS, (long) reserved.length), b.master.rejections(Bench.CH1));
                device.tamper(frame -> frame);
                assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome(), "MMMM and NNNN only: accepted");
            }
        }
    }
}
