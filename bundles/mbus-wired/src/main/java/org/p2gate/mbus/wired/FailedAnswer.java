package org.p2gate.mbus.wired;

import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.WiredFrame;

/**
 * Why an answer that started did not make a valid expected frame, judged from its bytes once the line fell
 * silent: the kind of failure, its reason (or null) and a sentence for the message.
 */
record FailedAnswer(LinkException.Kind kind, Reason reason, String what) {

    /** EN 13757-2 FT1.2: 10h C A CS 16h. */
    private static final int SHORT_FRAME_LENGTH = 5;

    /**
     * Decides what went wrong from the {@code length} bytes of {@code answer} from the first start byte
     * {@code start} on, counting truncated frames and bad checksums. One frame's worth of bytes that fails to
     * decode is an invalid answer (its reason); fewer is a truncated frame; more bytes than the first frame's
     * header announces (or a header that no length explains) means two devices answering at once.
     */
    static FailedAnswer classify(byte[] answer, int start, int length, Exchange current, LinkSettings settings,
            LinkCounters counters) {
        int declared = declaredLength(answer, start, length);
        if (declared > 0 && length < declared) {
            counters.truncated++;
            return new FailedAnswer(LinkException.Kind.INVALID_ANSWER, Reason.TRUNCATED, "answer truncated: " + length
                    + " of " + declared + " bytes, then the line was idle for more than "
                    + WiredLink.millis(settings.interByteLimit()) + " ms");
        }
        if (declared > 0 && length == declared) {
            try {
                WiredFrame frame = WiredFrame.decode(answer, start, length);
                return new FailedAnswer(LinkException.Kind.INVALID_ANSWER, null, "unexpected answer " + frame + " where "
                        + current.expect.label + " from address " + current.address + " was expected");
            } catch (DecodeException e) {
                if (e.reason() == Reason.BAD_CHECKSUM) {
                    counters.badChecksums++;
                }
                return new FailedAnswer(LinkException.Kind.INVALID_ANSWER, e.reason(), "invalid answer: " + e.getMessage());
            }
        }
        if (declared < 0 && length == 4 + ((answer[start + 1] & 0xFF) + 2)) {
            // 68 L1 L2 68 with L1 ≠ L2 but the bytes of one frame of length L1: a damaged length byte
            return new FailedAnswer(LinkException.Kind.INVALID_ANSWER, Reason.BAD_LENGTH,
                    "invalid answer: the two L-fields differ (" + WiredLink.hex(answer[start + 1] & 0xFF) + ", "
                            + WiredLink.hex(answer[start + 2] & 0xFF) + ")");
        }
        return new FailedAnswer(LinkException.Kind.COLLISION, null, length + " garbled byte(s)"
                + (declared > 0 ? " where the header announced a " + declared + "-byte frame" : " with no consistent frame header")
                + ": two devices answering at once?");
    }

    /** The length a frame announces from its first bytes: 1, 5 or L + 6; -1 if a long header is inconsistent; 0 if unknown yet. */
    private static int declaredLength(byte[] bytes, int start, int length) {
        int first = bytes[start] & 0xFF;
        if (first == WiredFrame.SINGLE_CHARACTER) {
            return 1;
        }
        if (first == WiredFrame.SHORT_START) {
            return SHORT_FRAME_LENGTH;
        }
        if (length < 4) {
            return length < 3 ? 0 : ((bytes[start + 1] == bytes[start + 2]) ? 0 : -1);
        }
        if (bytes[start + 1] != bytes[start + 2] || (bytes[start + 3] & 0xFF) != WiredFrame.LONG_START) {
            return -1;
        }
        return (bytes[start + 1] & 0xFF) + 6;
    }
}
