package org.p2gate.master.store;

/**
 * The master's store failed: it could not be opened, read or committed. The change being made when
 * it was thrown has not been committed (the store is rolled back to its last committed state).
 * Messages name what failed and never hold a key byte.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
