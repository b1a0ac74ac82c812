package org.p2gate.master.publish;

/** A publish cursor file that cannot be parsed; the reason says where. */
final class CorruptCursorException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptCursorException(String reason) {
        super(reason);
    }
}
