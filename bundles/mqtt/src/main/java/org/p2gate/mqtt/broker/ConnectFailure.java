package org.p2gate.mqtt.broker;

import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Why a connection attempt failed, told apart so that the log and the counters say what to fix. */
enum ConnectFailure {
    /** CONNACK 4 or 5 (MQTT 3.1.1 §3.2.2.3): the user name or password, or the client's rights. */
    AUTHENTICATION("the broker refused the user name or password"),
    /** The TLS handshake failed: the broker's certificate is not trusted or its name does not match. */
    TLS("TLS handshake failed"),
    /** Anything else: the broker is not reachable, closed the connection, or did not answer in time. */
    NETWORK("broker not reachable");

    private final String text;

    ConnectFailure(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static ConnectFailure of(Throwable failure) {
        if (failure instanceof MqttException mqtt
                && (mqtt.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                        || mqtt.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED)) {
            return AUTHENTICATION;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return TLS;
            }
        }
        return NETWORK;
    }

    /** The most specific message in the cause chain. */
    static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        boolean same = deepest == failure || message.equals(failure.getMessage());
        return same ? message : failure.getMessage() + ": " + message;
    }
}
