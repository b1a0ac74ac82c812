package org.p2gate.master.publish;

/** An Event Admin M-Bus event whose properties do not describe an M-Bus event; the reason says which. */
public final class MalformedEventException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String reason) {
        super(reason);
    }
}
