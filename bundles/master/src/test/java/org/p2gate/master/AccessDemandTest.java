package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;

/**
 * Issue 15 item 9, P2 4.2.2 Table 5 (RSP_UD C = 08h) and EN 13757-2: a meter that raises ACD (class 1 data, e.g. an
 * alarm) or DFC in its RSP_UD (C = 18h, 28h, 38h) still answers with its data; the master uses the answer, counts
 * the bits and logs them once (repeats summarised), on the link and in the master alike.
 */
class AccessDemandTest {

    /** Sets the C-field of a long frame (68 L L 68 C ...) to {@code c}; fixes the checksum. */
    private static byte[] withC(byte[] frame, int c) {
        if (frame.length < 20) {
            return frame; // E5h
        }
        byte[] out = frame.clone();
        out[4] = (byte) c;
        return TamperingDevice.checksummed(out);
    }

    @Test
    void p2Table5_en13757_2_anAnswerWithAcdOrDfcIsUsedCountedAndLoggedOnce() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.userKey(Bench.CH1, Bench.USER_KEY);
            AtomicInteger c = new AtomicInteger(0x28);
            device.tamper(frame -> withC(frame, c.get()));
            b.bind(Bench.CH1, device);

            for (int value : new int[] {0x28, 0x18, 0x38}) { // ACD (an alarm waiting), DFC, both
                c.set(value);
                CommandResult read = b.await(b.master.read(Bench.CH1));
                assertEquals(Outcome.DONE, read.outcome(), read.toString());
                b.time.advance(Duration.ofHours(1));
            }
            assertEquals(3, b.master.accessDemands(Bench.CH1));
            assertEquals(0, b.master.rejections(org.p2gate.master.validation.RejectionReason.NOT_ALLOWED));
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isPresent(), "the readings are stored");
            assertEquals(1, b.logLines().stream().filter(l -> l.contains("ACD: class 1 data waiting")).count(),
                    "one line, repeats summarised: " + b.logLines());
        }
    }
}
