package org.p2gate.mbus.wireless.amber;

import java.util.Arrays;
import java.util.List;
import org.p2gate.mbus.wireless.hci.StreamFramer;

/**
 * Cuts the AMB8465-M's byte stream into {@link AmberFrame}s: skips bytes before a start byte FFh, waits for the rest
 * of a frame, drops a frame whose checksum does not match and resynchronises on the next FFh. Counts what it dropped.
 * Not thread-safe.
 */
public final class AmberStreamDecoder extends StreamFramer<AmberFrame> {

    private static final int MAX_FRAME = 3 + 255 + 1;

    private long badChecksums;

    public AmberStreamDecoder() {
        super(MAX_FRAME);
    }

    @Override
    protected void parse(List<AmberFrame> out) {
        while (true) {
            int length = skipTo(AmberFrame.START);
            byte[] buffer = buffer();
            if (length < 3) {
                return;
            }
            int total = 3 + (buffer[2] & 0xFF) + 1;
            if (length < total) {
                return;
            }
            if (AmberFrame.checksum(buffer, total - 1) != (buffer[total - 1] & 0xFF)) {
                badChecksums++;
                drop(1); // resynchronise on the next start byte
                continue;
            }
            out.add(new AmberFrame(buffer[1] & 0xFF, Arrays.copyOfRange(buffer, 3, total - 1)));
            drop(total);
        }
    }

    public long badChecksums() {
        return badChecksums;
    }
}
