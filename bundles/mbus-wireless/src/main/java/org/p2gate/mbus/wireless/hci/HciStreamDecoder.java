package org.p2gate.mbus.wireless.hci;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Cuts the byte stream from an iM871A into {@link HciMessage}s: skips bytes before a start of frame, waits for
 * the rest of a frame, drops a frame whose CRC does not match or whose control nibble has the reserved bit
 * (and resynchronises on the next A5h). Counts what it dropped. Not thread-safe.
 */
public final class HciStreamDecoder extends StreamFramer<HciMessage> {

    /** The longest frame: 4 header bytes, 255 payload, 4 timestamp, 1 RSSI, 2 CRC. */
    private static final int MAX_FRAME = 4 + 255 + 4 + 1 + 2;

    private long badCrcs;
    private long badHeaders;

    public HciStreamDecoder() {
        super(MAX_FRAME);
    }

    @Override
    protected void parse(List<HciMessage> out) {
        while (true) {
            int length = skipTo(HciMessage.START_OF_FRAME);
            byte[] buffer = buffer();
            if (length < 4) {
                return;
            }
            int control = buffer[1] & 0xF0;
            int endpoint = buffer[1] & 0x0F;
            if ((control & HciMessage.CONTROL_RESERVED) != 0 || endpoint == 0) {
                badHeaders++;
                drop(1);
                continue;
            }
            boolean ts = (control & HciMessage.CONTROL_TIMESTAMP) != 0;
            boolean rssi = (control & HciMessage.CONTROL_RSSI) != 0;
            boolean crc = (control & HciMessage.CONTROL_CRC) != 0;
            int payload = buffer[3] & 0xFF;
            int total = 4 + payload + (ts ? 4 : 0) + (rssi ? 1 : 0) + (crc ? 2 : 0);
            if (length < total) {
                return;
            }
            if (crc) {
                int expected = HciCrc.compute(buffer, 1, total - 3);
                int got = (buffer[total - 2] & 0xFF) | (buffer[total - 1] & 0xFF) << 8;
                if (expected != got) {
                    badCrcs++;
                    drop(1); // resynchronise on the next start of frame
                    continue;
                }
            }
            int at = 4 + payload;
            OptionalLong timestamp = OptionalLong.empty();
            if (ts) {
                long t = 0;
                for (int i = 0; i < 4; i++) {
                    t |= (long) (buffer[at + i] & 0xFF) << (8 * i);
                }
                timestamp = OptionalLong.of(t);
                at += 4;
            }
            OptionalInt r = rssi ? OptionalInt.of(buffer[at] & 0xFF) : OptionalInt.empty();
            out.add(new HciMessage(endpoint, buffer[2] & 0xFF, Arrays.copyOfRange(buffer, 4, 4 + payload), timestamp, r));
            drop(total);
        }
    }

    public long badCrcs() {
        return badCrcs;
    }

    public long badHeaders() {
        return badHeaders;
    }
}
