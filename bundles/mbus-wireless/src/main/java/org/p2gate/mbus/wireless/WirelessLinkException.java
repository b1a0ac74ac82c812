package org.p2gate.mbus.wireless;

/** Why work queued on a wireless link did not complete; the message says what to do. */
public final class WirelessLinkException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The classes of failure. */
    public enum Kind {
        /** The Short ID is not bound to this link: bind it first. */
        NOT_BOUND,
        /** The command's payload broke a P2 rule (e.g. configuration word bits the E-meter must leave 0). */
        INVALID_COMMAND,
        /** The meter did not acknowledge the command in as many FACs as the settings allow. */
        NOT_DELIVERED,
        /** The device was unbound, or the command cancelled, before it was delivered. */
        CANCELLED,
        /** The radio only receives: it cannot answer a meter in time (e.g. the iM871A); use a radio that can. */
        RADIO_CANNOT_ANSWER,
        /** The radio failed; open the link again. */
        RADIO_FAILED,
        /** The link is closed. */
        CLOSED
    }

    private final Kind kind;

    public WirelessLinkException(Kind kind, String message) {
        this(kind, message, null);
    }

    public WirelessLinkException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
