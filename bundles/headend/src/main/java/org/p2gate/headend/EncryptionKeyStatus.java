package org.p2gate.headend;

/** Class 72 attribute 14, encryption_key_status (DLMS Blue Book 4.8.3; P2 4.2.2 Appendix A). */
public enum EncryptionKeyStatus {
    NO_ENCRYPTION_KEY(0, "no encryption key"),
    ENCRYPTION_KEY_SET(1, "encryption key set"),
    ENCRYPTION_KEY_TRANSFERRED(2, "encryption key transferred"),
    ENCRYPTION_KEY_SET_AND_TRANSFERRED(3, "encryption key set and transferred"),
    ENCRYPTION_KEY_IN_USE(4, "encryption key in use");

    private final int code;
    private final String text;

    EncryptionKeyStatus(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The enum value on the wire. */
    public int code() {
        return code;
    }

    /** The meaning for a person. */
    public String text() {
        return text;
    }

    /** The status of a wire value, if it is one of the five defined. */
    public static java.util.Optional<EncryptionKeyStatus> of(int code) {
        for (EncryptionKeyStatus s : values()) {
            if (s.code == code) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
