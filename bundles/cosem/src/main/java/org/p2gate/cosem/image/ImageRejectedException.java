package org.p2gate.cosem.image;

/** A received image failed verification (size, hash, signature, or not a deployment package); the message says which. */
public final class ImageRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageRejectedException(String message) {
        super(message);
    }

    public ImageRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
