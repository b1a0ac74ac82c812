package org.p2gate.p3.server;

/** The APDUs with which the server refuses (DLMS Green Book 9.5, ASN.1 of the xDLMS and ACSE APDUs). */
final class ErrorAnswers {

    /** Green Book: ExceptionResponse ::= [216] SEQUENCE { state-error, service-error }. */
    static final int EXCEPTION_RESPONSE = 0xD8;
    static final int STATE_SERVICE_NOT_ALLOWED = 1;
    static final int STATE_SERVICE_UNKNOWN = 2;
    static final int SERVICE_OPERATION_NOT_POSSIBLE = 1;
    static final int SERVICE_NOT_SUPPORTED = 2;
    static final int SERVICE_OTHER_REASON = 3;
    static final int SERVICE_DECIPHERING_ERROR = 5;
    /** Carries the lowest counter the server accepts (Unsigned32). */
    static final int SERVICE_INVOCATION_COUNTER_ERROR = 6;

    /** ACSE: acse-service-user diagnostics of an AARE. */
    static final int DIAGNOSTIC_NO_REASON_GIVEN = 1;
    static final int DIAGNOSTIC_MECHANISM_NOT_RECOGNISED = 11;
    static final int DIAGNOSTIC_AUTHENTICATION_FAILURE = 13;

    private ErrorAnswers() {
    }

    static byte[] exceptionResponse(int stateError, int serviceError) {
        return new byte[] {(byte) EXCEPTION_RESPONSE, (byte) stateError, (byte) serviceError};
    }

    /** An exception-response invocation-counter-error telling the counter the client must use at least. */
    static byte[] invocationCounterError(long lowestAccepted) {
        return new byte[] {(byte) EXCEPTION_RESPONSE, (byte) STATE_SERVICE_NOT_ALLOWED,
            (byte) SERVICE_INVOCATION_COUNTER_ERROR, (byte) (lowestAccepted >>> 24), (byte) (lowestAccepted >>> 16),
            (byte) (lowestAccepted >>> 8), (byte) lowestAccepted};
    }

    /**
     * An AARE rejecting the association permanently with an acse-service-user diagnostic
     * (Green Book 9.3.2: result rejected-permanent (1), result-source-diagnostic).
     */
    static byte[] aareRejected(boolean cipheredContext, int diagnostic) {
        return new byte[] {0x61, 0x17,
            (byte) 0xA1, 0x09, 0x06, 0x07, 0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x01, (byte) (cipheredContext ? 3 : 1),
            (byte) 0xA2, 0x03, 0x02, 0x01, 0x01,
            (byte) 0xA3, 0x05, (byte) 0xA1, 0x03, 0x02, 0x01, (byte) diagnostic};
    }
}
