package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;

class InMemoryTransportTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.EPOCH);
    private final InMemoryTransport[] pair = InMemoryTransport.pair(scheduler);

    /** Records what an end receives. */
    private static final class Log implements WiredTransport.Receiver {
        final List<String> events = new ArrayList<>();

        @Override
        public void received(byte[] bytes, int offset, int length) {
            events.add(HexFormat.of().formatHex(bytes, offset, offset + length));
        }

        @Override
        public void failed(IOException cause) {
            events.add("failed: " + cause.getMessage());
        }
    }

    @Test
    void whatOneEndSendsTheOtherReceivesInOrderAsSchedulerTasks() throws IOException {
        Log master = new Log();
        Log bus = new Log();
        pair[0].open(master);
        pair[1].open(bus);

        pair[0].send(new byte[] {0x10, 0x40, 0x01, 0x41, 0x16});
        pair[1].send(new byte[] {(byte) 0xE5});
        assertEquals(List.of(), bus.events, "nothing before the scheduler runs");

        scheduler.runDue();
        assertEquals(List.of("1040014116"), bus.events);
        assertEquals(List.of("e5"), master.events);
    }

    @Test
    void theSentBytesAreCopied() throws IOException {
        Log bus = new Log();
        pair[0].open(new Log());
        pair[1].open(bus);
        byte[] frame = {(byte) 0xE5};
        pair[0].send(frame);
        frame[0] = 0;
        scheduler.runDue();
        assertEquals(List.of("e5"), bus.events);
    }

    @Test
    void sendingOnAnEndThatIsNotOpenFails() {
        assertThrows(IOException.class, () -> pair[0].send(new byte[] {1}));
    }

    @Test
    void aFailureReachesTheOtherEnd() {
        Log master = new Log();
        pair[0].open(master);
        pair[1].open(new Log());
        pair[1].failPeer(new IOException("cable pulled"));
        scheduler.runDue();
        assertEquals(List.of("failed: cable pulled"), master.events);
    }

    @Test
    void aClosedEndReceivesNothing() throws IOException {
        Log bus = new Log();
        pair[0].open(new Log());
        pair[1].open(bus);
        pair[1].close();
        pair[0].send(new byte[] {1});
        scheduler.runDue();
        assertEquals(List.of(), bus.events);
    }
}
