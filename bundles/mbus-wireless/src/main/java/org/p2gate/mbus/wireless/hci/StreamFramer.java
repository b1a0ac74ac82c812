package org.p2gate.mbus.wireless.hci;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a dongle's byte stream into frames that begin with a start byte: buffers what arrives, skips bytes before a
 * start byte, lets the subclass parse what is complete. Not thread-safe.
 *
 * @param <F> the frame type
 */
public abstract class StreamFramer<F> {

    private final byte[] buffer;
    private int length;
    private long skippedBytes;

    /** @param maxFrame the longest frame the dongle sends */
    protected StreamFramer(int maxFrame) {
        this.buffer = new byte[2 * maxFrame];
    }

    /** Adds bytes; returns the frames now complete, in order. */
    public final List<F> feed(byte[] bytes, int offset, int count) {
        List<F> out = new ArrayList<>(1);
        int at = offset;
        int end = offset + count;
        while (at < end) {
            int n = Math.min(end - at, buffer.length - length);
            System.arraycopy(bytes, at, buffer, length, n);
            length += n;
            at += n;
            parse(out);
        }
        return out;
    }

    /** Parses the complete frames at the start of the buffer into {@code out}, dropping what it consumed. */
    protected abstract void parse(List<F> out);

    /** Drops the bytes before the first {@code startByte}; returns the bytes then buffered. */
    protected final int skipTo(int startByte) {
        int start = 0;
        while (start < length && (buffer[start] & 0xFF) != startByte) {
            start++;
        }
        if (start > 0) {
            skippedBytes += start;
            drop(start);
        }
        return length;
    }

    protected final byte[] buffer() {
        return buffer;
    }

    protected final int buffered() {
        return length;
    }

    protected final void drop(int n) {
        System.arraycopy(buffer, n, buffer, 0, length - n);
        length -= n;
    }

    public final long skippedBytes() {
        return skippedBytes;
    }
}
