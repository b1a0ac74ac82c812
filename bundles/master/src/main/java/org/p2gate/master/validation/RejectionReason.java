package org.p2gate.master.validation;

/** Why the master did not use a message from a device, each with the rule it breaks. */
public enum RejectionReason {
    /** P2 4.2.2 §4.1 Table 5: the C/CI pair is not an allowed answer ("shall be rejected"). */
    NOT_ALLOWED("C/CI combination not allowed (P2 §4.1 Table 5)"),
    /** The frame's transport layer or records do not decode (EN 13757-3; P2 §4.2.1: RSP_UD has the long header). */
    MALFORMED("malformed message"),
    /** P2 §4.2.2: the long header's Short ID is not the device bound to the channel. */
    WRONG_DEVICE("Short ID is not the channel's device (P2 §4.2.2)"),
    /** P2 §6.5: once the user key is set the master accepts only encrypted data. */
    UNENCRYPTED_WITH_USER_KEY("unencrypted data while a user key is set (P2 §6.5)"),
    /** P2 §5.1: mode 15 data, but the channel has no user key to decrypt it. */
    NO_USER_KEY("encrypted data but no user key for the channel (P2 §5.1)"),
    /** P2 §5.1: only encryption method codes 0 and 15 are used. */
    UNSUPPORTED_SECURITY("encryption method other than 0 or 15 (P2 §5.1)"),
    /**
     * P2 §5.1, §5.2 rule 3: decryption did not show the 2F 2F fillers, or the decrypted part is not records between
     * them and the trailing fillers (wrong key, wrong IV or damaged data).
     */
    DECRYPTION_FAILED("decryption failed: no 2F 2F fillers or not a DSMR plaintext (P2 §5.1, §5.2 rule 3)"),
    /** P2 §4.2.6: "For wired, all bits except MMMM and NNNN shall be set to 0" (issue 15 item 13). */
    RESERVED_BITS("configuration word bits other than MMMM and NNNN set on wired M-Bus (P2 §4.2.6)"),
    /** P2 §3.1.2: the access number detects communication failures; an unencrypted answer seen already (issue 15 item 14). */
    REPEATED_ANSWER("the access number and content of the last answer: a repeat, not a new RSP_UD (P2 §3.1.2)"),
    /** P2 §5.2: after the encrypted part only the frame counter record travels in clear. */
    CLEAR_DATA_AFTER_ENCRYPTION("records in clear besides the frame counter (P2 §5.2)"),
    /** P2 §5.2 rule 1: the frame counter must be higher than the previously validated one (replay). */
    OLD_FRAME_COUNTER("frame counter not above the last validated one (P2 §5.2 rule 1)");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    /** What was wrong, with the rule, for logs and operators. */
    public String description() {
        return description;
    }

    /**
     * Whether the message could not be read for want of the device's key (none, or another one): the device was
     * heard; the E-meter waits for the head-end's keys (P2 §8.3.1.2, §8.4.2.2). Not a communication error.
     */
    public boolean forWantOfKey() {
        return this == NO_USER_KEY || this == DECRYPTION_FAILED;
    }
}
