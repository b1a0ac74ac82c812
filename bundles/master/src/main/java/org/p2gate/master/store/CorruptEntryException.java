package org.p2gate.master.store;

/**
 * An entry of the store failed its check (checksum, format, authentication tag or content): it is
 * reported, never returned. The message names the entry (channel, map, capture time or event
 * position) and what was wrong, never its content.
 */
public class CorruptEntryException extends StoreException {

    private static final long serialVersionUID = 1L;

    public CorruptEntryException(String message) {
        super(message);
    }

    public CorruptEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
