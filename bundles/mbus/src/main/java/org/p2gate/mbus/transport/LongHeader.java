package org.p2gate.mbus.transport;

import java.util.Optional;
import org.p2gate.mbus.DecodeException;

/**
 * The long header: the Short ID (ID MAN VER DEV), then ACC, STS, CW and, in mode 7, the CFE
 * (EN 13757-3 §5.5; P2 4.2.2 §4.2.1 and Figure 2: CI 5Bh, 72h, 80h, 6Ch).
 *
 * @param deviceId      the Short ID of the device (P2 §4.2.2), in header order ID MAN VER DEV
 * @param accessNumber  ACC, 0..255
 * @param status        STS
 * @param configuration CW
 * @param extension     the CFE; present exactly when {@code configuration} is mode 7
 */
public record LongHeader(ShortId deviceId, int accessNumber, StatusByte status, ConfigurationWord configuration,
        Optional<ConfigurationFieldExtension> extension) implements TransportHeader {

    /** Size on the wire without a CFE. */
    public static final int LENGTH = ShortId.LENGTH + ShortHeader.LENGTH;

    public LongHeader {
        if (deviceId == null) {
            throw new IllegalArgumentException("a long header needs the device's Short ID");
        }
        ShortHeader.checkFields(accessNumber, status, configuration, extension);
    }

    /** A header without a configuration field extension (any mode but 7). */
    public static LongHeader of(ShortId deviceId, int accessNumber, StatusByte status, ConfigurationWord configuration) {
        return new LongHeader(deviceId, accessNumber, status, configuration, Optional.empty());
    }

    /** Reads a long header at {@code offset}. */
    public static LongHeader decode(byte[] bytes, int offset) throws DecodeException {
        return decode(bytes, offset, bytes.length);
    }

    static LongHeader decode(byte[] bytes, int offset, int end) throws DecodeException {
        ShortHeader.require(bytes, offset, end, LENGTH, "a long header (ID MAN VER DEV ACC STS CW)");
        ShortId id = ShortId.fromHeader(bytes, offset);
        int tail = offset + ShortId.LENGTH;
        ConfigurationWord cw = ConfigurationWord.ofValue((bytes[tail + 2] & 0xFF) | (bytes[tail + 3] & 0xFF) << 8);
        return new LongHeader(id, bytes[tail] & 0xFF, StatusByte.of(bytes[tail + 1] & 0xFF), cw,
                ShortHeader.extension(bytes, tail + ShortHeader.LENGTH, end, cw));
    }

    /** The ACC, STS, CW[, CFE] part on its own. */
    public ShortHeader shortHeader() {
        return new ShortHeader(accessNumber, status, configuration, extension);
    }

    @Override
    public HeaderKind kind() {
        return HeaderKind.LONG;
    }

    @Override
    public int length() {
        return LENGTH + (extension.isPresent() ? ConfigurationFieldExtension.LENGTH : 0);
    }

    @Override
    public void write(byte[] bytes, int offset) {
        System.arraycopy(deviceId.toHeader(), 0, bytes, offset, ShortId.LENGTH);
        ShortHeader.writeTail(bytes, offset + ShortId.LENGTH, accessNumber, status, configuration, extension);
    }
}
