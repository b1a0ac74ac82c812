package org.p2gate.mbus;

/**
 * The one exception a decoder of this library throws: what was wrong, and where.
 *
 * <p>A decoder never throws anything else for bad input, never loops forever, and never
 * allocates from a length field it has not checked against the bytes it holds.
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final int offset;

    /**
     * @param reason  the kind of defect
     * @param offset  the index of the offending byte in the decoded input (0 = its first byte)
     * @param message what was wrong, for a person
     */
    public DecodeException(Reason reason, int offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public DecodeException(Reason reason, int offset, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    public int offset() {
        return offset;
    }

    /** The same defect seen from an enclosing structure that starts {@code base} bytes earlier. */
    public DecodeException shifted(int base) {
        DecodeException shifted = new DecodeException(reason, base + offset, getMessage(), getCause());
        shifted.setStackTrace(getStackTrace());
        return shifted;
    }

    @Override
    public String toString() {
        return "DecodeException[" + reason + " at byte " + offset + "]: " + getMessage();
    }
}
