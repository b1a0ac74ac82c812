package org.p2gate.master;

/**
 * The state of a channel's user key, as COSEM M-Bus Client Setup (class 72, version 1) attribute
 * encryption_key_status reports it (enum values 0..4, in this order).
 */
public enum EncryptionKeyStatus {
    /** No user key: the device sends unencrypted (installation time). */
    NO_ENCRYPTION_KEY,
    /** The head-end gave a user key (set_encryption_key); not yet sent to the device. */
    ENCRYPTION_KEY_SET,
    /** The key_data was sent to the device (transfer_key); not yet seen in use. */
    ENCRYPTION_KEY_TRANSFERRED,
    /** Set and transferred. */
    ENCRYPTION_KEY_SET_AND_TRANSFERRED,
    /** The device sends in mode 15 with the user key. */
    ENCRYPTION_KEY_IN_USE;

    /** The COSEM enum value. */
    public int cosemValue() {
        return ordinal();
    }
}
