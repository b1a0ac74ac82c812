package org.p2gate.p3.server;

/** A wrapper header the server does not accept; the message says what was wrong. */
final class MalformedWrapperException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedWrapperException(String reason) {
        super(reason);
    }
}
