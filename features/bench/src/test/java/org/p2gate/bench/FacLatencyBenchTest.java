package org.p2gate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.SystemScheduler;

/**
 * The wireless bench, bounded (200 cycles): the real master admits every SND_NR (it throws on a rejection) and each
 * cycle hands a clock synchronisation to the radio. No timing is asserted: the figures come from ./p2gate bench.
 */
class FacLatencyBenchTest {

    @Test
    void everySndNrIsAdmittedByTheMasterAndAnsweredWithTheQueuedCommand() throws Exception {
        try (SystemScheduler scheduler = new SystemScheduler("bench-test", Throwable::printStackTrace)) {
            long[] latencies = FacLatencyBench.run(scheduler, 200);

            assertEquals(200, latencies.length);
            assertTrue(Arrays.stream(latencies).filter(l -> l != Long.MAX_VALUE).allMatch(l -> l > 0),
                    "every answered cycle measured a hand-over");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FacLatencyBench.table(100, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("target: p99 <= 1000 us"), out.toString(StandardCharsets.UTF_8));
    }
}
