package org.p2gate.cosem.image;

/** An image could not be activated; the message says why. */
public final class ImageActivationException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageActivationException(String message) {
        super(message);
    }

    public ImageActivationException(String message, Throwable cause) {
        super(message, cause);
    }
}
