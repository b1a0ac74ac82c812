package org.p2gate.mbus.transport;

import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * The short header: ACC, STS, CW (LSB first) and, in mode 7, the CFE (EN 13757-3 §5.5; P2 4.2.2
 * §4.2.1: CI 5Ah, 7Ah, 8Ah; OMS Annex N N.2.3).
 *
 * @param accessNumber  ACC, 0..255
 * @param status        STS
 * @param configuration CW
 * @param extension     the CFE; present exactly when {@code configuration} is mode 7
 */
public record ShortHeader(int accessNumber, StatusByte status, ConfigurationWord configuration,
        Optional<ConfigurationFieldExtension> extension) implements TransportHeader {

    /** Size on the wire without a CFE. */
    public static final int LENGTH = 4;

    public ShortHeader {
        checkFields(accessNumber, status, configuration, extension);
    }

    /** A header without a configuration field extension (any mode but 7). */
    public static ShortHeader of(int accessNumber, StatusByte status, ConfigurationWord configuration) {
        return new ShortHeader(accessNumber, status, configuration, Optional.empty());
    }

    /** Reads a short header at {@code offset}. */
    public static ShortHeader decode(byte[] bytes, int offset) throws DecodeException {
        return decode(bytes, offset, bytes.length);
    }

    static ShortHeader decode(byte[] bytes, int offset, int end) throws DecodeException {
        require(bytes, offset, end, LENGTH, "a short header (ACC STS CW)");
        ConfigurationWord cw = ConfigurationWord.ofValue((bytes[offset + 2] & 0xFF) | (bytes[offset + 3] & 0xFF) << 8);
        return new ShortHeader(bytes[offset] & 0xFF, StatusByte.of(bytes[offset + 1] & 0xFF), cw,
                extension(bytes, offset + LENGTH, end, cw));
    }

    @Override
    public HeaderKind kind() {
        return HeaderKind.SHORT;
    }

    @Override
    public int length() {
        return LENGTH + (extension.isPresent() ? ConfigurationFieldExtension.LENGTH : 0);
    }

    @Override
    public void write(byte[] bytes, int offset) {
        writeTail(bytes, offset, accessNumber, status, configuration, extension);
    }

    // --- shared with LongHeader ---

    static void checkFields(int accessNumber, StatusByte status, ConfigurationWord configuration,
            Optional<ConfigurationFieldExtension> extension) {
        if (accessNumber < 0 || accessNumber > 0xFF) {
            throw new IllegalArgumentException("the access number is one byte, got " + accessNumber);
        }
        if (status == null || configuration == null || extension == null) {
            throw new IllegalArgumentException("status, configuration and extension are required");
        }
        if (configuration.hasExtension() != extension.isPresent()) {
            throw new IllegalArgumentException(configuration.hasExtension()
                    ? "mode 7 needs a configuration field extension" : "only mode 7 has a configuration field extension");
        }
    }

    static void require(byte[] bytes, int offset, int end, int length, String what) throws DecodeException {
        if (end - offset < length) {
            throw new DecodeException(Reason.TRUNCATED, end,
                    what + " needs " + length + " bytes, " + Math.max(0, end - offset) + " left");
        }
    }

    // EN 13757-7 §7.6.7: the CFE follows the configuration word in security mode 7
    static Optional<ConfigurationFieldExtension> extension(byte[] bytes, int offset, int end, ConfigurationWord cw)
            throws DecodeException {
        if (!cw.hasExtension()) {
            return Optional.empty();
        }
        if (offset >= end) {
            throw new DecodeException(Reason.TRUNCATED, end,
                    "mode 7 needs a configuration field extension byte after the configuration word");
        }
        ConfigurationFieldExtension cfe = new ConfigurationFieldExtension(bytes[offset] & 0xFF);
        if (cfe.keyVersionFlag()) {
            throw new DecodeException(Reason.UNSUPPORTED, offset,
                    "configuration field extension " + cfe + " announces a key version (V = 1); not supported");
        }
        return Optional.of(cfe);
    }

    static void writeTail(byte[] bytes, int offset, int accessNumber, StatusByte status, ConfigurationWord cw,
            Optional<ConfigurationFieldExtension> extension) {
        bytes[offset] = (byte) accessNumber;
        bytes[offset + 1] = (byte) status.value();
        cw.write(bytes, offset + 2);
        if (extension.isPresent()) {
            bytes[offset + LENGTH] = (byte) extension.get().value();
        }
    }
}
