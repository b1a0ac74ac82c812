package org.p2gate.mbus.transport;

import java.util.Optional;

/**
 * The header of a transport layer: a {@link ShortHeader} or a {@link LongHeader} (EN 13757-3 §5,
 * P2 4.2.2 §4.2.1).
 */
public sealed interface TransportHeader permits ShortHeader, LongHeader {

    /** ACC, the access number (P2 §4.2.4). */
    int accessNumber();

    /** STS (P2 §4.2.5). */
    StatusByte status();

    /** CW, with the security mode and the number of encrypted blocks (P2 §4.2.6). */
    ConfigurationWord configuration();

    /** The configuration field extension; present exactly when the mode is 7. */
    Optional<ConfigurationFieldExtension> extension();

    HeaderKind kind();

    /** The size on the wire, including a CFE. */
    int length();

    /** Writes the header at {@code offset}; {@link #length()} bytes. */
    void write(byte[] bytes, int offset);

    /** The header as sent. */
    default byte[] encode() {
        byte[] bytes = new byte[length()];
        write(bytes, 0);
        return bytes;
    }
}
