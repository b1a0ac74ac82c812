package org.p2gate.mbus.wired;

import java.util.Optional;
import org.p2gate.mbus.Reason;

/**
 * Why a request on a wired link failed. The message says what happened, to which address and after how
 * many attempts; {@link #kind()} lets a caller decide (e.g. no answer during a scan is normal).
 */
public final class LinkException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The classes of failure. */
    public enum Kind {
        /** Nothing started an answer within the EN 13757-2 window on any attempt. */
        NO_ANSWER,
        /** An answer came but was not a valid, expected frame (truncated, bad checksum, wrong type or address). */
        INVALID_ANSWER,
        /** The answer was garbled in a way that indicates two devices answering at once. */
        COLLISION,
        /** The transport (serial port, TCP connection) failed; the link must be opened again. */
        TRANSPORT_FAILED,
        /** The link was closed (or never opened) before the request completed. */
        CLOSED
    }

    private final Kind kind;
    private final int address;
    private final transient Reason reason;

    public LinkException(Kind kind, int address, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.address = address;
        this.reason = reason;
    }

    public LinkException(Kind kind, int address, String message) {
        this(kind, address, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The primary address the request was for. */
    public int address() {
        return address;
    }

    /** For {@link Kind#INVALID_ANSWER}: the decoder's reason (e.g. BAD_CHECKSUM, TRUNCATED), if one applies. */
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }
}
