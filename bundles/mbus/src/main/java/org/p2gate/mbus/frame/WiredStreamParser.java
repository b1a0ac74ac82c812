package org.p2gate.mbus.frame;

import org.p2gate.mbus.DecodeException;

/**
 * An incremental, tolerant FT1.2 parser for a serial link (EN 13757-2, P2 4.2.2 §3.1): feed it bytes as they arrive,
 * in chunks of any size, and it reports complete frames, skipped noise and invalid frames to a
 * {@link Listener}. It has no clock: the link decides timeouts from {@link #isFrameInProgress()} and
 * {@link #pendingBytes()} and calls {@link #reset()}. Memory is bounded by one maximum frame (261 bytes).
 *
 * <p>Rules:
 * <ul>
 * <li>With no frame in progress, 10h or 68h starts a frame, a lone E5h is the single-character ACK, and
 *     any other byte is noise. Noise is reported as one count when the run ends at a start byte or E5h
 *     (bytes still unreported are returned by {@link #reset()}).</li>
 * <li>An E5h byte inside a frame in progress is data, never an ACK. An E5h that is line noise outside a
 *     frame cannot be told from an ACK; the link judges an ACK against what it asked for.</li>
 * <li>A frame whose header (68 L L 68), checksum or stop byte is wrong is reported with its
 *     {@link DecodeException} (offset relative to the bad frame's first byte); the parser then drops only
 *     that first byte and parses the bytes after it again, so a good frame that follows in the same data
 *     is still found (they are reported as noise up to the next start byte).</li>
 * </ul>
 * Not thread-safe: one link worker feeds it. Listener calls happen inside {@code feed}; a listener must not
 * call {@code feed} or {@code reset} itself.
 */
public final class WiredStreamParser {

    /** What the parser found. */
    public interface Listener {

        /** A complete, valid frame. */
        void frame(WiredFrame frame);

        /** {@code count} bytes that were not part of any frame were skipped before a start byte. */
        void noise(int count);

        /** A frame was started but is invalid; the parser resynchronises after its first byte. */
        void invalid(DecodeException error);
    }

    private final Listener listener;
    /** The frame in progress; its first byte is a start byte (10h or 68h). */
    private final byte[] frame = new byte[WiredFrame.MAX_LENGTH];
    private int count;
    /** The known total length of the frame in progress, or -1. */
    private int expected = -1;
    /** Bytes to parse again after an invalid frame (bounded: buffered + replay ≤ one max frame). */
    private byte[] replay = new byte[WiredFrame.MAX_LENGTH];
    private byte[] spare = new byte[WiredFrame.MAX_LENGTH];
    private int replayStart;
    private int replayEnd;
    private int noise;

    public WiredStreamParser(Listener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("a parser needs a listener");
        }
        this.listener = listener;
    }

    /** Feeds {@code length} bytes at {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            feed(bytes[i]);
        }
    }

    /** Feeds one byte. */
    public void feed(byte b) {
        accept(b);
        while (replayStart < replayEnd) {
            accept(replay[replayStart++]);
        }
    }

    /** Whether a frame has started (10h or 68h seen) and is not complete yet. */
    public boolean isFrameInProgress() {
        return count > 0;
    }

    /** The bytes of the frame in progress received so far (0 if none). */
    public int pendingBytes() {
        return count;
    }

    /** The total length of the frame in progress if its header shows it (short: 5, long: L + 6), else -1. */
    public int expectedLength() {
        return expected;
    }

    /**
     * Drops the frame in progress and any noise not yet reported, e.g. after the link's inter-byte timeout.
     *
     * @return how many bytes were dropped
     */
    public int reset() {
        int dropped = count + noise;
        count = 0;
        expected = -1;
        noise = 0;
        replayStart = 0;
        replayEnd = 0;
        return dropped;
    }

    private void accept(byte b) {
        int value = b & 0xFF;
        if (count == 0) {
            switch (value) {
                case WiredFrame.SINGLE_CHARACTER -> {
                    reportNoise();
                    listener.frame(SingleCharacter.ACK);
                }
                case WiredFrame.SHORT_START -> {
                    reportNoise();
                    frame[count++] = b;
                    expected = ShortFrame.LENGTH;
                }
                case WiredFrame.LONG_START -> {
                    reportNoise();
                    frame[count++] = b;
                    expected = -1;
                }
                default -> noise++;
            }
            return;
        }
        frame[count++] = b;
        try {
            if (expected < 0) {
                expected = LongFrame.expectedLength(frame, 0, count);
            }
            if (count == expected) {
                WiredFrame complete = WiredFrame.decode(frame, 0, count);
                count = 0;
                expected = -1;
                listener.frame(complete);
            }
        } catch (DecodeException e) {
            resynchronise();
            listener.invalid(e);
        }
    }

    /** EN 13757-2 has no framing beyond start bytes: drop the bad frame's first byte, re-parse the rest. */
    private void resynchronise() {
        int keep = count - 1;
        int pending = replayEnd - replayStart;
        System.arraycopy(frame, 1, spare, 0, keep);
        System.arraycopy(replay, replayStart, spare, keep, pending);
        byte[] swap = replay;
        replay = spare;
        spare = swap;
        replayStart = 0;
        replayEnd = keep + pending;
        count = 0;
        expected = -1;
    }

    private void reportNoise() {
        if (noise > 0) {
            int n = noise;
            noise = 0;
            listener.noise(n);
        }
    }
}
