package org.p2gate.headend;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a head-end operation failed, as a {@link Kind} and a message that names what was wrong and
 * what to do. Never carries key material.
 */
public final class HeadEndException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure a caller (or the CLI's exit code) distinguishes. */
    public enum Kind {
        /** Nothing listens at host:port, or the host is unknown. */
        CONNECTION_REFUSED(true),
        /** No (complete) answer within the timeout. */
        TIMEOUT(true),
        /** The gateway closed the connection or sent bytes that are no DLMS wrapper frame. */
        CONNECTION_LOST(true),
        /** The association was refused: wrong keys, system title or client address. */
        AUTHENTICATION_FAILED(true),
        /** The invocation counter was refused as not new (DLMS Green Book 9.2.7.2.4.2). */
        INVOCATION_COUNTER_REFUSED(true),
        /** The logical device has no such object or attribute (data-access-result 4, 11). */
        OBJECT_MISSING(false),
        /** The association may not read, write or invoke this (data-access-result 3, 13). */
        ACCESS_DENIED(false),
        /** The device cannot do it now, e.g. the channel is busy or not bound (data-access-result 2). */
        TEMPORARY_FAILURE(false),
        /** A value of the wrong type (data-access-result 12). */
        TYPE_UNMATCHED(false),
        /** Any other refusal of the device (hardware fault, other reason, ...). */
        REFUSED(false),
        /** The answer did not have the shape the object model defines. */
        UNEXPECTED_ANSWER(false);

        private final boolean connectionLevel;

        Kind(boolean connectionLevel) {
            this.connectionLevel = connectionLevel;
        }

        /** Whether the failure is about reaching or associating with the gateway (CLI exit code 3). */
        public boolean connectionLevel() {
            return connectionLevel;
        }
    }

    private final Kind kind;
    private final transient DlmsResult result;

    public HeadEndException(Kind kind, String message) {
        this(kind, message, (Throwable) null);
    }

    public HeadEndException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.result = null;
    }

    /** The device answered with a non-success data-access-result. */
    public HeadEndException(String message, DlmsResult result) {
        super(message);
        this.result = Objects.requireNonNull(result, "result");
        this.kind = result.failureKind();
    }

    /** The device's data-access-result, when the failure is the device's answer. */
    public Optional<DlmsResult> result() {
        return Optional.ofNullable(result);
    }

    /** What kind of failure this is. */
    public Kind kind() {
        return kind;
    }
}
