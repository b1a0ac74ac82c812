/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura;

/**
 * Error codes carried by a {@link KuraException}.
 * <p>
 * Only a subset of Kura's constants is declared here; every one of them exists in Kura 5.4 under the same name.
 * Code compiled against this enum refers to the constants by name, so it links against Kura's own enum at run time.
 * Never depend on {@link #ordinal()}: the order here is not Kura's.
 */
public enum KuraErrorCode {
    /** A configuration is invalid. */
    CONFIGURATION_ERROR,
    /** Updating the configuration of a component failed. */
    CONFIGURATION_UPDATE,
    /** A configuration attribute has a value it cannot accept. */
    CONFIGURATION_ATTRIBUTE_INVALID,
    /** A required configuration attribute has no value. */
    CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING,
    /** An unexpected internal error. */
    INTERNAL_ERROR,
    /** A serial port is configured wrongly. */
    SERIAL_PORT_INVALID_CONFIGURATION,
    /** A serial port does not exist. */
    SERIAL_PORT_NOT_EXISTING,
    /** A port is already in use. */
    PORT_IN_USE,
    /** Not connected. */
    NOT_CONNECTED,
    /** An operation timed out. */
    TIMED_OUT,
    /** A connection could not be established. */
    CONNECTION_FAILED,
    /** Encoding failed. */
    ENCODE_ERROR,
    /** An operation is not supported. */
    OPERATION_NOT_SUPPORTED,
    /** An invalid parameter was passed. */
    INVALID_PARAMETER,
    /** A service is not available. */
    SERVICE_UNAVAILABLE,
    /** An I/O operation failed. */
    IO_ERROR,
    /** Decoding or decryption failed (CryptoService.decryptAes of a value it did not encrypt). */
    DECODER_ERROR
}
