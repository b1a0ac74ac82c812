package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.Hex;
import java.util.Optional;

/**
 * The control information field (CI-field): the first byte of every layer above the link layer,
 * telling which layer follows and, for the transport layer, which header it has.
 *
 * <p>Codes and meanings: EN 13757-3:2013 Table 2 / EN 13757-7:2018 Table 2; P2 4.2.2 §4.1 Tables 5
 * and 6 and §4.2.1 (5Ah, 7Ah, 8Ah short header; 5Bh, 72h, 80h long header; 51h none); OMS Vol. 2
 * Annex N (ELL 8Ch/8Eh, AFL 90h); the aquastream protocol (50h, 52h, B8h..BDh). Any byte value is
 * representable: {@link #isKnown()} is false for a code this library does not know, and decoding a
 * message that needs one fails with {@code Reason.UNKNOWN_CI}.
 *
 * @param code the CI byte, 0..255
 */
public record CiField(int code) {

    /** What kind of layer a CI-field introduces. */
    public enum Layer {
        /** A transport layer (with or without application data), with the header {@link #headerKind()}. */
        TRANSPORT,
        /** An extended link layer (EN 13757-4 §13.2.7: CI 8Ch..8Fh, 86h). */
        EXTENDED_LINK,
        /** The authentication and fragmentation layer (EN 13757-7 §6: CI 90h). */
        AUTHENTICATION_FRAGMENTATION,
        /** A code this library does not know. */
        UNKNOWN
    }

    // P2 4.2.2 Tables 5/6 and §4.2.1
    public static final CiField DATA_TO_DEVICE_NO_HEADER = new CiField(0x51);
    public static final CiField DATA_TO_DEVICE_SHORT = new CiField(0x5A);
    public static final CiField DATA_TO_DEVICE_LONG = new CiField(0x5B);
    public static final CiField TIME_SYNC_TO_DEVICE = new CiField(0x6C);
    public static final CiField RESPONSE_LONG = new CiField(0x72);
    public static final CiField RESPONSE_NO_HEADER = new CiField(0x78);
    public static final CiField RESPONSE_SHORT = new CiField(0x7A);
    public static final CiField TRANSPORT_TO_DEVICE_LONG = new CiField(0x80);
    public static final CiField TRANSPORT_FROM_DEVICE_SHORT = new CiField(0x8A);
    public static final CiField TRANSPORT_FROM_DEVICE_LONG = new CiField(0x8B);
    // OMS Annex N / EN 13757-4 §13.2.7, EN 13757-7 §6
    public static final CiField ELL_SHORT = new CiField(0x8C);
    public static final CiField ELL_WITH_RECEIVER = new CiField(0x8E);
    public static final CiField AFL = new CiField(0x90);

    private static final int SIZE = 256;
    private static final String[] NAMES = new String[SIZE];
    private static final HeaderKind[] HEADERS = new HeaderKind[SIZE];
    private static final Direction[] DIRECTIONS = new Direction[SIZE];
    private static final Layer[] LAYERS = new Layer[SIZE];
    private static final CiField[] INSTANCES = new CiField[SIZE];

    static {
        Direction to = Direction.TO_DEVICE;
        Direction from = Direction.FROM_DEVICE;
        HeaderKind none = HeaderKind.NONE;
        HeaderKind shortHeader = HeaderKind.SHORT;
        HeaderKind longHeader = HeaderKind.LONG;
        // EN 13757-3:2013 Table 2 / EN 13757-7:2018 Table 2: application layer to the device
        tpl(0x50, none, to, "application reset or select to device");
        tpl(0x51, none, to, "data to device (command, no header)");
        tpl(0x52, none, to, "selection of device (slave select)");
        tpl(0x53, longHeader, to, "application reset or select to device");
        tpl(0x54, none, to, "request of selected application to device");
        tpl(0x55, longHeader, to, "request of selected application to device");
        tpl(0x5A, shortHeader, to, "data to device (command)");
        tpl(0x5B, longHeader, to, "data to device (command)");
        tpl(0x5C, none, to, "synchronize action");
        tpl(0x60, longHeader, to, "DLMS/COSEM data to device");
        tpl(0x61, shortHeader, to, "DLMS/COSEM data to device");
        tpl(0x64, longHeader, to, "OBIS-based data to device");
        tpl(0x65, shortHeader, to, "OBIS-based data to device");
        tpl(0x6C, longHeader, to, "time synchronisation to device");
        tpl(0x6D, longHeader, to, "time synchronisation to device (relative)");
        // from the device
        tpl(0x66, none, from, "response of selected application");
        tpl(0x67, shortHeader, from, "response of selected application");
        tpl(0x68, longHeader, from, "response of selected application");
        tpl(0x69, none, from, "response (format frame)");
        tpl(0x6A, shortHeader, from, "response (format frame)");
        tpl(0x6B, longHeader, from, "response (format frame)");
        tpl(0x6E, shortHeader, from, "application error from device");
        tpl(0x6F, longHeader, from, "application error from device");
        tpl(0x70, none, from, "application error from device");
        tpl(0x71, none, from, "alarm from device");
        tpl(0x72, longHeader, from, "response from device");
        tpl(0x73, longHeader, from, "response (compact frame)");
        tpl(0x74, shortHeader, from, "alarm from device");
        tpl(0x75, longHeader, from, "alarm from device");
        tpl(0x78, none, from, "response from device");
        tpl(0x79, none, from, "response (compact frame)");
        tpl(0x7A, shortHeader, from, "response from device");
        tpl(0x7B, shortHeader, from, "response (compact frame)");
        tpl(0x7C, longHeader, from, "DLMS/COSEM data from device");
        tpl(0x7D, shortHeader, from, "DLMS/COSEM data from device");
        tpl(0x7E, longHeader, from, "OBIS-based data from device");
        tpl(0x7F, shortHeader, from, "OBIS-based data from device");
        // transport layer without application data (EN 13757-4 / P2 Table 6)
        tpl(0x80, longHeader, to, "transport layer to device");
        tpl(0x84, longHeader, to, "transport layer to device (compact frame expected)");
        tpl(0x85, longHeader, to, "transport layer to device (format frame expected)");
        tpl(0x8A, shortHeader, from, "transport layer from device");
        tpl(0x8B, longHeader, from, "transport layer from device");
        // lower-layer management (EN 13757-3 §8.2; aquastream: B8h 300, BBh 2400, BDh 9600 Bd)
        int[] bauds = {300, 600, 1200, 2400, 4800, 9600, 19200, 38400};
        for (int i = 0; i < bauds.length; i++) {
            tpl(0xB8 + i, none, to, "set baud rate to " + bauds[i] + " Bd");
        }
        // EN 13757-4 §13.2.7 extended link layers; EN 13757-7 §6 AFL
        other(0x86, Layer.EXTENDED_LINK, "extended link layer V (variable)");
        other(0x8C, Layer.EXTENDED_LINK, "extended link layer I (CC, ACC)");
        other(0x8D, Layer.EXTENDED_LINK, "extended link layer II (CC, ACC, SN, CRC)");
        other(0x8E, Layer.EXTENDED_LINK, "extended link layer III (CC, ACC, M2, A2)");
        other(0x8F, Layer.EXTENDED_LINK, "extended link layer IV (CC, ACC, M2, A2, SN, CRC)");
        other(0x90, Layer.AUTHENTICATION_FRAGMENTATION, "authentication and fragmentation layer");
        for (int code = 0; code < SIZE; code++) {
            INSTANCES[code] = new CiField(code);
            if (LAYERS[code] == null) {
                LAYERS[code] = Layer.UNKNOWN;
                HEADERS[code] = none;
            }
        }
    }

    public CiField {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("a CI-field is one byte, got " + code);
        }
    }

    /** The CI-field for {@code code}; shared instances, so decoding allocates none. */
    public static CiField of(int code) {
        if (code < 0 || code >= SIZE) {
            throw new IllegalArgumentException("a CI-field is one byte, got " + code);
        }
        return INSTANCES[code];
    }

    /** Whether this library knows the code. */
    public boolean isKnown() {
        return LAYERS[code] != Layer.UNKNOWN;
    }

    /** The kind of layer this CI-field introduces. */
    public Layer layer() {
        return LAYERS[code];
    }

    /** The header of a transport layer; {@link HeaderKind#NONE} for other layers and unknown codes. */
    public HeaderKind headerKind() {
        return HEADERS[code];
    }

    /** The direction the code is defined for; empty for ELL, AFL and unknown codes. */
    public Optional<Direction> direction() {
        return Optional.ofNullable(DIRECTIONS[code]);
    }

    /** What the code means, e.g. "response from device", or "unknown (20h)". */
    public String description() {
        String name = NAMES[code];
        return name != null ? name : "unknown (" + Hex.byteHex(code) + "h)";
    }

    @Override
    public String toString() {
        return Hex.byteHex(code) + "h " + description();
    }

    private static void tpl(int code, HeaderKind header, Direction direction, String name) {
        NAMES[code] = name;
        HEADERS[code] = header;
        DIRECTIONS[code] = direction;
        LAYERS[code] = Layer.TRANSPORT;
    }

    private static void other(int code, Layer layer, String name) {
        NAMES[code] = name;
        HEADERS[code] = HeaderKind.NONE;
        LAYERS[code] = layer;
    }
}
