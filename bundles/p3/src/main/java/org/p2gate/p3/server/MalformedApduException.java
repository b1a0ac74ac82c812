package org.p2gate.p3.server;

/** An APDU the server cannot parse; the message says where and what. */
final class MalformedApduException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedApduException(String reason) {
        super(reason);
    }
}
