package org.p2gate.mbus.transport;

import java.util.Map;

/**
 * The device type (medium) of an M-Bus device, EN 13757-3 §6.6 (table "Device type
 * identification"). Any code 0..255 is kept as received; known codes have a name.
 *
 * @param code the DEV field
 */
public record DeviceType(int code) {

    public static final DeviceType OTHER = new DeviceType(0x00);
    public static final DeviceType ELECTRICITY = new DeviceType(0x02);
    public static final DeviceType GAS = new DeviceType(0x03);
    public static final DeviceType HEAT_OUTLET = new DeviceType(0x04);
    public static final DeviceType WARM_WATER = new DeviceType(0x06);
    public static final DeviceType WATER = new DeviceType(0x07);
    public static final DeviceType HEAT_COST_ALLOCATOR = new DeviceType(0x08);
    public static final DeviceType COOLING_OUTLET = new DeviceType(0x0A);
    public static final DeviceType COOLING_INLET = new DeviceType(0x0B);
    public static final DeviceType HEAT_INLET = new DeviceType(0x0C);
    public static final DeviceType HEAT_COOLING = new DeviceType(0x0D);
    public static final DeviceType HOT_WATER = new DeviceType(0x15);
    public static final DeviceType COLD_WATER = new DeviceType(0x16);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00, "other"),
            Map.entry(0x01, "oil"),
            Map.entry(0x02, "electricity"),
            Map.entry(0x03, "gas"),
            Map.entry(0x04, "heat (outlet)"),
            Map.entry(0x05, "steam"),
            Map.entry(0x06, "warm water (30-90 °C)"),
            Map.entry(0x07, "water"),
            Map.entry(0x08, "heat cost allocator"),
            Map.entry(0x09, "compressed air"),
            Map.entry(0x0A, "cooling load (outlet)"),
            Map.entry(0x0B, "cooling load (inlet)"),
            Map.entry(0x0C, "heat (inlet)"),
            Map.entry(0x0D, "heat / cooling load"),
            Map.entry(0x0E, "bus / system component"),
            Map.entry(0x0F, "unknown medium"),
            Map.entry(0x15, "hot water (≥ 90 °C)"),
            Map.entry(0x16, "cold water"),
            Map.entry(0x17, "dual register (hot/cold) water"),
            Map.entry(0x18, "pressure"),
            Map.entry(0x19, "A/D converter"),
            Map.entry(0x1A, "smoke detector"),
            Map.entry(0x1B, "room sensor"),
            Map.entry(0x1C, "gas detector"),
            Map.entry(0x20, "breaker (electricity)"),
            Map.entry(0x21, "valve (gas or water)"),
            Map.entry(0x25, "customer unit (display)"),
            Map.entry(0x28, "waste water"),
            Map.entry(0x29, "garbage"),
            Map.entry(0x2A, "carbon dioxide"),
            Map.entry(0x31, "communication controller"),
            Map.entry(0x32, "unidirectional repeater"),
            Map.entry(0x33, "bidirectional repeater"),
            Map.entry(0x36, "radio converter (system side)"),
            Map.entry(0x37, "radio converter (meter side)"));

    public DeviceType {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("a device type is one byte, got " + code);
        }
    }

    /** The device type of a DEV byte 0..255; one shared instance per code. */
    public static DeviceType of(int code) {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("a device type is one byte, got " + code);
        }
        return ALL[code];
    }

    private static final DeviceType[] ALL = new DeviceType[0x100];

    static {
        for (int code = 0; code <= 0xFF; code++) {
            ALL[code] = new DeviceType(code);
        }
    }

    /** The name of the medium, or "reserved (xxh)" for a code the standard does not assign. */
    public String description() {
        return NAMES.getOrDefault(code, String.format("reserved (%02Xh)", code));
    }

    @Override
    public String toString() {
        return String.format("%s (%02Xh)", description(), code);
    }
}
