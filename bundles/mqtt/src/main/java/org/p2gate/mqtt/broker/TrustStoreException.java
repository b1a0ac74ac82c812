package org.p2gate.mqtt.broker;

/** A trust store that cannot be read (missing, wrong password, not a key store); the reason says which. */
public final class TrustStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    TrustStoreException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
