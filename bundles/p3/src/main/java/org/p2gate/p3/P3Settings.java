package org.p2gate.p3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.p2gate.mbus.security.AesKey;

/**
 * How the P3 server runs. Keys are {@link AesKey}s, which never print their bytes, so neither does
 * {@link #toString()}.
 *
 * @param port                 the TCP port of the DLMS wrapper (IEC 62056-47: 4059); 0 = any free port (tests)
 * @param serverAddress        the logical device's wrapper port (SAP); DSMR: 1, the management logical device
 * @param systemTitle          the server's system title (enters every GCM nonce of its answers)
 * @param blockCipherKey       the management client's global unicast encryption key (GUEK, suite 0)
 * @param authenticationKey    the management client's authentication key (GAK, suite 0)
 * @param maxAssociations      the most concurrent connections; one more is closed at once
 * @param inactivityTimeout    a connection silent this long is closed
 * @param stateFolder          where the invocation counters are kept across restarts (created if missing)
 */
public record P3Settings(int port, int serverAddress, SystemTitle systemTitle, AesKey blockCipherKey,
        AesKey authenticationKey, int maxAssociations, Duration inactivityTimeout, Path stateFolder) {

    /** IEC 62056-47: the DLMS/COSEM TCP port. */
    public static final int DEFAULT_PORT = 4059;
    /** DSMR P3: the logical device a head-end talks to. */
    public static final int DEFAULT_SERVER_ADDRESS = 1;
    /** Concurrent associations by default. */
    public static final int DEFAULT_MAX_ASSOCIATIONS = 32;
    /** Inactivity timeout by default. */
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(120);

    public P3Settings {
        Objects.requireNonNull(systemTitle, "systemTitle");
        Objects.requireNonNull(blockCipherKey, "blockCipherKey");
        Objects.requireNonNull(authenticationKey, "authenticationKey");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        Objects.requireNonNull(stateFolder, "stateFolder");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535 (4059 for DLMS), got " + port);
        }
        // IEC 62056-47: wPorts are 16 bits; 0 is "no station", 0x7F broadcast in DLMS addressing
        if (serverAddress < 1 || serverAddress > 0x3FFF) {
            throw new IllegalArgumentException("server address must be 1..16383 (the logical device's SAP, DSMR: 1), got "
                    + serverAddress);
        }
        if (blockCipherKey.isZero() || authenticationKey.isZero()) {
            throw new IllegalArgumentException("the management block cipher key and authentication key must not be all "
                    + "zero: set the keys the head-end uses");
        }
        if (blockCipherKey.equals(authenticationKey)) {
            throw new IllegalArgumentException("the management block cipher key and authentication key must differ "
                    + "(DLMS Green Book 9.2.4.8: GUEK and GAK are separate keys)");
        }
        if (maxAssociations < 1 || maxAssociations > 1024) {
            throw new IllegalArgumentException("max associations must be 1..1024, got " + maxAssociations);
        }
        if (inactivityTimeout.isNegative() || inactivityTimeout.isZero() || inactivityTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("inactivity timeout must be positive (e.g. 120 s), got " + inactivityTimeout);
        }
    }

    /** The defaults for port, server address, max associations and inactivity timeout. */
    public static P3Settings of(SystemTitle systemTitle, AesKey blockCipherKey, AesKey authenticationKey, Path stateFolder) {
        return new P3Settings(DEFAULT_PORT, DEFAULT_SERVER_ADDRESS, systemTitle, blockCipherKey, authenticationKey,
                DEFAULT_MAX_ASSOCIATIONS, DEFAULT_INACTIVITY_TIMEOUT, stateFolder);
    }

    public P3Settings withPort(int value) {
        return new P3Settings(value, serverAddress, systemTitle, blockCipherKey, authenticationKey, maxAssociations,
                inactivityTimeout, stateFolder);
    }

    public P3Settings withMaxAssociations(int value) {
        return new P3Settings(port, serverAddress, systemTitle, blockCipherKey, authenticationKey, value,
                inactivityTimeout, stateFolder);
    }

    public P3Settings withInactivityTimeout(Duration value) {
        return new P3Settings(port, serverAddress, systemTitle, blockCipherKey, authenticationKey, maxAssociations,
                value, stateFolder);
    }
}
