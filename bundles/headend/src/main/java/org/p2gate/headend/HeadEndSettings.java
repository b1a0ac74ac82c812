package org.p2gate.headend;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom a head-end associates: the gateway's host and wrapper port (IEC 62056-47,
 * 4059), the client role, the logical device (server SAP, 1 = the management logical device), the
 * keys of the management client and how long to wait for each answer.
 */
public record HeadEndSettings(String host, int port, ClientRole role, int serverAddress,
        Optional<SecurityKeys> keys, Duration timeout) {

    /** The default host. */
    public static final String DEFAULT_HOST = "localhost";
    /** IANA port of DLMS/COSEM over TCP (IEC 62056-47). */
    public static final int DEFAULT_PORT = 4059;
    /** The management logical device (DLMS Green Book 4.1.4: SAP 1). */
    public static final int DEFAULT_SERVER_ADDRESS = 1;
    /** How long to wait for a connection and for each answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public HeadEndSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host is empty: give a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 1..65535, got " + port);
        }
        if (serverAddress < 1 || serverAddress > 0x3FFF) {
            throw new IllegalArgumentException("a server address (logical device SAP) is 1..16383, got " + serverAddress);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        if (role == ClientRole.MANAGEMENT && keys.isEmpty()) {
            throw new IllegalArgumentException("the management client needs its system title, authentication key"
                    + " and block cipher key");
        }
    }

    /** The public client (SAP 16, no security) at {@code host:port}. */
    public static HeadEndSettings publicClient(String host, int port) {
        return new HeadEndSettings(host, port, ClientRole.PUBLIC, DEFAULT_SERVER_ADDRESS, Optional.empty(),
                DEFAULT_TIMEOUT);
    }

    /** The management client (SAP 1, HLS 5 GMAC, authenticated encryption, suite 0) at {@code host:port}. */
    public static HeadEndSettings management(String host, int port, SecurityKeys keys) {
        return new HeadEndSettings(host, port, ClientRole.MANAGEMENT, DEFAULT_SERVER_ADDRESS,
                Optional.of(keys), DEFAULT_TIMEOUT);
    }

    /** These settings with another answer timeout. */
    public HeadEndSettings withTimeout(Duration newTimeout) {
        return new HeadEndSettings(host, port, role, serverAddress, keys, newTimeout);
    }

    /** These settings as the public client (same host, port, timeout): how the invocation counter is read. */
    public HeadEndSettings asPublicClient() {
        return new HeadEndSettings(host, port, ClientRole.PUBLIC, serverAddress, Optional.empty(), timeout);
    }
}
