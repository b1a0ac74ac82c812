package org.p2gate.headend.cli;

/** A command line that cannot be run; the message says what is wrong (exit code 2). */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
