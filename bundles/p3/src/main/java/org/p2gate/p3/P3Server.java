package org.p2gate.p3;

import org.p2gate.cosem.CosemDevice;
import org.p2gate.p3.server.Acceptor;

/**
 * The P3 DLMS/COSEM server of a {@link CosemDevice}: the DLMS/COSEM TCP wrapper (IEC 62056-47) on
 * one port, one thread per connection, each with its own Gurux secure server and association.
 *
 * <ul>
 *   <li>Public client, SAP 16: no authentication, no ciphering; sees the objects its object list
 *       grants (the device's {@code attributeAccess(PUBLIC, …)}), invokes nothing the device does
 *       not grant it.</li>
 *   <li>Management client, SAP 1: HLS 5 (GMAC), security suite 0, every APDU authenticated and
 *       encrypted with the configured keys.</li>
 *   <li>The server itself refuses: other clients; objects, attributes and methods outside a
 *       client's object list; plaintext requests from the management client; ciphered APDUs whose
 *       tag does not verify or whose invocation counter was used before. Each refusal is answered
 *       with a DLMS error, logged (WARN, with client SAP, address and reason) and counted.</li>
 * </ul>
 *
 * <p>State: {@code p3-invocation-counters.properties} in the settings' state folder keeps the
 * invocation-counter ceilings so that a restart reopens no replay and reuses no GCM nonce.
 */
public final class P3Server implements AutoCloseable {

    private final Acceptor acceptor;

    private P3Server(Acceptor acceptor) {
        this.acceptor = acceptor;
    }

    /**
     * Starts serving {@code device}.
     *
     * @throws java.io.UncheckedIOException the port cannot be bound or the state folder cannot be read
     * @throws IllegalStateException        the counter file is damaged (the message says how to repair it)
     */
    public static P3Server start(CosemDevice device, P3Settings settings) {
        return new P3Server(Acceptor.start(device, settings));
    }

    /** The bound TCP port (the ephemeral one when the settings asked for port 0). */
    public int port() {
        return acceptor.port();
    }

    /** A snapshot of the counters. */
    public P3Statistics statistics() {
        return acceptor.statistics();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        acceptor.close();
    }
}
