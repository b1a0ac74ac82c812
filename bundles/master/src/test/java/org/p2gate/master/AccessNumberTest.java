package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;

/**
 * Issue 15 item 14, P2 4.2.2 §3.1.2: "The frame count bit (FCB) of the C-Field is ignored. At the Control Layer, the
 * Access Number shall be used to detect communication failures." (§4.2.4, EN 13757-3: the device counts it up with
 * every answer.) An unencrypted RSP_UD with the access number and content of the last one is a repeat, not a reading.
 */
class AccessNumberTest {

    @Test
    void p2_3_1_2_anUnencryptedAnswerRepeatedWithItsAccessNumberIsNotANewReading() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            b.bind(Bench.CH1, device);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.time.advance(Duration.ofMinutes(2));
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome(),
                    "the same hourly value, a new access number: a new answer");
            int accepted = b.store.channel(Bench.CH1).accessNumber();

            device.replay(device.answers().size() - 1); // the line (or a converter) delivers the last answer again
            b.time.advance(Duration.ofMinutes(2));
            CommandResult repeated = b.await(b.master.read(Bench.CH1));
            assertEquals(Outcome.REJECTED, repeated.outcome(), repeated.toString());
            assertEquals(Map.of(RejectionReason.REPEATED_ANSWER, 1L), b.master.rejections(Bench.CH1));
            assertEquals(accepted, b.store.channel(Bench.CH1).accessNumber());
            assertEquals(java.util.List.of(MBusEventKind.COMMUNICATION_ERROR), b.sink.kinds(Bench.CH1).stream()
                    .filter(k -> k == MBusEventKind.COMMUNICATION_ERROR || k == MBusEventKind.COMMUNICATION_OK).toList(),
                    "a communication failure detected by the access number");

            device.tamper(frame -> frame);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
        }
    }
}
