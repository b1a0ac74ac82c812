package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;

/**
 * Issue 15 item 10, README "Communication error and OK" (P3 M-Bus events 100/101 + 10(x−1)): one definition on both
 * media — an error when the device's message does not arrive as an accepted one (wired: a read's answer missing or
 * rejected; wireless: nothing accepted for the silence limit), OK only at the next accepted message. A replayed,
 * wrongly keyed or foreign answer never ends an error.
 */
class CommunicationStateTest {

    private static List<MBusEventKind> communication(ListEventSink sink, Channel channel) {
        return sink.kinds(channel).stream().filter(k -> k == MBusEventKind.COMMUNICATION_ERROR
                || k == MBusEventKind.COMMUNICATION_OK).toList();
    }

    @Test
    void wiredAReplayedAnswerIsAnErrorAndNeverEndsOneOnlyAnAcceptedAnswerDoes() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, device);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());

            // P2 §5.2: the replayed mode-15 answer is rejected (old frame counter): a failed exchange
            device.replay(0);
            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR), communication(b.sink, Bench.CH1));
            b.time.advance(Duration.ofMinutes(5));
            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR), communication(b.sink, Bench.CH1),
                    "another replay: no OK (it was answered, but not by an accepted message), no second error");

            device.tamper(frame -> frame);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR, MBusEventKind.COMMUNICATION_OK),
                    communication(b.sink, Bench.CH1));
        }
    }

    @Test
    void wiredAnAcknowledgedCommandDoesNotEndAnErrorTheNextAcceptedReadDoes() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            b.bind(Bench.CH1, device);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            // a foreign device answers at the address: its Short ID is not the channel's (P2 §4.2.2)
            device.tamper(frame -> {
                if (frame.length < 20) {
                    return frame; // E5h
                }
                byte[] out = frame.clone();
                out[7] ^= 0x11; // the identification number's lowest BCD byte
                return TamperingDevice.checksummed(out);
            });
            assertEquals(Outcome.REJECTED, b.await(b.master.read(Bench.CH1)).outcome());
            // the E5h of a clock synchronisation proves nothing about who answered
            assertTrue(b.await(b.master.synchroniseClock(Bench.CH1)).done());
            assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR), communication(b.sink, Bench.CH1));

            device.tamper(frame -> frame);
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR, MBusEventKind.COMMUNICATION_OK),
                    communication(b.sink, Bench.CH1));
        }
    }

    @Test
    void wirelessRejectedMessagesNeitherKeepOffNorEndAnErrorTheNextAcceptedOneEndsIt() {
        WirelessBench b = new WirelessBench(21, 0);
        b.install();
        b.advance(Duration.ofHours(3));
        assertEquals(List.of(), communication(b.sink, WirelessBench.CH1), "heard every hour");

        // the E-meter has a user key the meter does not use: its unencrypted SND_NR are rejected (P2 §6.5)
        ChannelKeys before = b.store.keys(WirelessBench.CH1);
        b.store.putKeys(WirelessBench.CH1, new ChannelKeys(before.defaultKey(), java.util.Optional.of(Bench.OTHER_KEY)));
        b.advance(Duration.ofHours(6));
        assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR), communication(b.sink, WirelessBench.CH1),
                "transmitting, but nothing accepted for the silence limit: one error, no OK");

        b.store.putKeys(WirelessBench.CH1, before);
        b.advance(Duration.ofMinutes(70));
        assertEquals(List.of(MBusEventKind.COMMUNICATION_ERROR, MBusEventKind.COMMUNICATION_OK),
                communication(b.sink, WirelessBench.CH1));
    }
}
