package org.p2gate.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.installation.Rig.CH1;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Fault;

/** The task chain after a binding: retries of a failed step, and the end after the retries. */
class TaskChainTest {

    @Test
    void aStepTheDeviceDoesNotAnswerIsRetriedAfterTheRetryDelay() {
        Rig rig = new Rig();
        DsmrMeter meter = rig.gas(31000017, 17);
        rig.bus.injectFault(meter, new Fault.NoAnswer(), 3); // the link's three attempts of the first REQ_UD2

        assertTrue(rig.await(rig.installation.bindWired(CH1, 17)).done());
        rig.until(() -> rig.progress(CH1).map(p -> p.detail().contains("retrying")).orElse(false));
        assertEquals(TaskStep.CAPTURE_DEFINITION, rig.progress(CH1).orElseThrow().step());
        rig.time.advance(Duration.ofSeconds(50));
        assertEquals(3, rig.wire.count("REQ_UD2 17"), "no retry before the retry delay");

        rig.until(() -> rig.at(CH1, TaskStep.DONE));
        assertEquals(List.of("REQ_UD2 17 -> (silence)", "REQ_UD2 17 -> (silence)", "REQ_UD2 17 -> (silence)",
                "REQ_UD2 17 -> RSP_UD 17 CI 72", "SND_UD 17 CI 5A -> E5", "REQ_UD2 17 -> RSP_UD 17 CI 72",
                "SND_NKE 17 -> E5", "SND_UD 17 CI 6C -> E5"),
                rig.wire.exchanges().stream().map(Object::toString).toList(), "the link's 3 attempts, then the retry");
    }

    @Test
    void aStepThatStillFailsAfterItsRetriesEndsTheChainAsFailed() {
        Rig rig = new Rig(); // nobody at address 17

        assertTrue(rig.await(rig.installation.bindWired(CH1, 17)).done());
        rig.until(() -> rig.at(CH1, TaskStep.FAILED));

        ChannelProgress p = rig.progress(CH1).orElseThrow();
        assertTrue(p.detail().startsWith("CAPTURE_DEFINITION FAILED"), p.detail());
        assertEquals(DeviceMode.STORAGE, p.mode(), "never heard from");
        assertEquals(3 * (1 + InstallationSettings.defaults().stepRetries()), rig.wire.count("REQ_UD2 17"));
    }
}
