package org.p2gate.mbus.record;

/**
 * The three VIF code tables of EN 13757-3: the primary VIF (Table 10), the first extension table
 * after FDh (Table 12) and the second after FBh (Table 14). Built once; immutable.
 */
final class VifTables {

    private static final String[] TIME_UNITS = {"s", "min", "h", "d"};
    private static final CosemUnit[] TIME_COSEM = {CosemUnit.SECOND, CosemUnit.MINUTE, CosemUnit.HOUR, CosemUnit.DAY};
    private static final String[] LONG_TIME_UNITS = {"h", "d", "months", "years"};
    private static final CosemUnit[] LONG_TIME_COSEM = {CosemUnit.HOUR, CosemUnit.DAY, CosemUnit.MONTH, CosemUnit.YEAR};

    private static final VifMeaning[] PRIMARY = new VifMeaning[128];
    private static final VifMeaning[] FD = new VifMeaning[128];
    private static final VifMeaning[] FB = new VifMeaning[128];

    static {
        primary();
        extensionFd();
        extensionFb();
    }

    private VifTables() {}

    /** Primary VIF, E bit removed. */
    static VifMeaning primary(int code) {
        return PRIMARY[code & 0x7F];
    }

    /** Main VIFE after FDh, E bit removed. */
    static VifMeaning fd(int code) {
        return FD[code & 0x7F];
    }

    /** Main VIFE after FBh, E bit removed. */
    static VifMeaning fb(int code) {
        return FB[code & 0x7F];
    }

    private static void time(VifMeaning[] table, int base, String quantity) {
        for (int nn = 0; nn < 4; nn++) {
            table[base + nn] = VifMeaning.number(quantity, TIME_UNITS[nn], 0, TIME_COSEM[nn]);
        }
    }

    private static void longTime(VifMeaning[] table, int base, String quantity) {
        for (int nn = 0; nn < 4; nn++) {
            table[base + nn] = VifMeaning.number(quantity, LONG_TIME_UNITS[nn], 0, LONG_TIME_COSEM[nn]);
        }
    }

    private static void range(VifMeaning[] table, int base, int count, String quantity, String unit, int offset,
            CosemUnit cosem, int shift) {
        for (int n = 0; n < count; n++) {
            table[base + n] = VifMeaning.number(quantity, unit, n + offset, cosem, shift);
        }
    }

    // EN 13757-3 Table 10: primary VIF codes
    private static void primary() {
        VifMeaning[] t = PRIMARY;
        range(t, 0x00, 8, "Energy", "Wh", -3, CosemUnit.WATT_HOUR, 0);
        range(t, 0x08, 8, "Energy", "J", 0, CosemUnit.JOULE, 0);
        range(t, 0x10, 8, "Volume", "m^3", -6, CosemUnit.CUBIC_METRE, 0);
        range(t, 0x18, 8, "Mass", "kg", -3, CosemUnit.KILOGRAM, 0);
        time(t, 0x20, "On time");
        time(t, 0x24, "Operating time");
        range(t, 0x28, 8, "Power", "W", -3, CosemUnit.WATT, 0);
        range(t, 0x30, 8, "Power", "J/h", 0, CosemUnit.JOULE_PER_HOUR, 0);
        range(t, 0x38, 8, "Volume flow", "m^3/h", -6, CosemUnit.CUBIC_METRE_PER_HOUR, 0);
        range(t, 0x40, 8, "Volume flow", "m^3/min", -7, null, 0);
        range(t, 0x48, 8, "Volume flow", "m^3/s", -9, null, 0);
        range(t, 0x50, 8, "Mass flow", "kg/h", -3, null, 0);
        range(t, 0x58, 4, "Flow temperature", "°C", -3, CosemUnit.CELSIUS, 0);
        range(t, 0x5C, 4, "Return temperature", "°C", -3, CosemUnit.CELSIUS, 0);
        range(t, 0x60, 4, "Temperature difference", "K", -3, CosemUnit.KELVIN, 0);
        range(t, 0x64, 4, "External temperature", "°C", -3, CosemUnit.CELSIUS, 0);
        range(t, 0x68, 4, "Pressure", "bar", -3, CosemUnit.BAR, 0);
        t[0x6C] = VifMeaning.of("Time point (date)", ValueKind.DATE);
        t[0x6D] = VifMeaning.of("Time point (date & time)", ValueKind.DATE_TIME);
        t[0x6E] = new VifMeaning("Units for H.C.A.", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x6F] = VifMeaning.RESERVED;
        time(t, 0x70, "Averaging duration");
        time(t, 0x74, "Actuality duration");
        t[0x78] = VifMeaning.of("Fabrication No", ValueKind.IDENTIFICATION);
        t[0x79] = VifMeaning.of("(Enhanced) Identification", ValueKind.IDENTIFICATION);
        t[0x7A] = VifMeaning.of("Bus Address", ValueKind.IDENTIFICATION);
        // 7Bh, 7Ch, 7Dh, 7Eh, 7Fh are handled by ValueInformationBlock (tables, plain text, any, manufacturer)
        t[0x7B] = VifMeaning.RESERVED;
        t[0x7C] = VifMeaning.number("Plain text unit", "", 0, null);
        t[0x7D] = VifMeaning.RESERVED;
        t[0x7E] = VifMeaning.of("Any VIF", ValueKind.OPAQUE);
        t[0x7F] = VifMeaning.of("Manufacturer specific", ValueKind.OPAQUE);
    }

    // EN 13757-3 Table 12: main VIFE code extension table (VIF = FDh)
    private static void extensionFd() {
        VifMeaning[] t = FD;
        java.util.Arrays.fill(t, VifMeaning.RESERVED);
        range(t, 0x00, 4, "Credit", "currency", -3, CosemUnit.CURRENCY, 0);
        range(t, 0x04, 4, "Debit", "currency", -3, CosemUnit.CURRENCY, 0);
        // P2 4.2.2 Appendix B: DSMR uses FD 08 as the frame counter ("unique telegram identification")
        t[0x08] = new VifMeaning("Access Number (transmission count)", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x09] = VifMeaning.of("Medium", ValueKind.IDENTIFICATION);
        t[0x0A] = VifMeaning.of("Manufacturer", ValueKind.IDENTIFICATION);
        t[0x0B] = VifMeaning.of("Parameter set identification", ValueKind.IDENTIFICATION);
        t[0x0C] = VifMeaning.of("Model / Version", ValueKind.IDENTIFICATION);
        t[0x0D] = VifMeaning.of("Hardware version", ValueKind.IDENTIFICATION);
        t[0x0E] = VifMeaning.of("Firmware version", ValueKind.IDENTIFICATION);
        t[0x0F] = VifMeaning.of("Software version", ValueKind.IDENTIFICATION);
        t[0x10] = VifMeaning.of("Customer location", ValueKind.IDENTIFICATION);
        t[0x11] = VifMeaning.of("Customer", ValueKind.IDENTIFICATION);
        t[0x12] = VifMeaning.of("Access Code User", ValueKind.IDENTIFICATION);
        t[0x13] = VifMeaning.of("Access Code Operator", ValueKind.IDENTIFICATION);
        t[0x14] = VifMeaning.of("Access Code System Operator", ValueKind.IDENTIFICATION);
        t[0x15] = VifMeaning.of("Access Code Developer", ValueKind.IDENTIFICATION);
        t[0x16] = VifMeaning.of("Password", ValueKind.KEY);
        t[0x17] = VifMeaning.of("Error flags", ValueKind.BITS);
        t[0x18] = VifMeaning.of("Error mask", ValueKind.BITS);
        // P2 4.2.2 §6.5.1: "Reserved" in EN 13757-3, DSMR's AES-128 key exchange
        t[0x19] = VifMeaning.of("Encrypted user key (DSMR key exchange)", ValueKind.KEY);
        t[0x1A] = VifMeaning.of("Digital output", ValueKind.BITS);
        t[0x1B] = VifMeaning.of("Digital input", ValueKind.BITS);
        t[0x1C] = VifMeaning.number("Baudrate", "Bd", 0, null);
        t[0x1D] = VifMeaning.number("Response delay time", "bittimes", 0, null);
        t[0x1E] = new VifMeaning("Retry", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x1F] = VifMeaning.of("Remote control", ValueKind.BITS);
        t[0x20] = new VifMeaning("First storage number for cyclic storage", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x21] = new VifMeaning("Last storage number for cyclic storage", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x22] = new VifMeaning("Size of storage block", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        time(t, 0x24, "Storage interval");
        t[0x28] = VifMeaning.number("Storage interval", "months", 0, CosemUnit.MONTH);
        t[0x29] = VifMeaning.number("Storage interval", "years", 0, CosemUnit.YEAR);
        time(t, 0x2C, "Duration since last readout");
        t[0x30] = VifMeaning.of("Start (date/time) of tariff", ValueKind.DATE_TIME);
        for (int nn = 1; nn < 4; nn++) {
            t[0x30 + nn] = VifMeaning.number("Duration of tariff", TIME_UNITS[nn], 0, TIME_COSEM[nn]);
        }
        time(t, 0x34, "Period of tariff");
        t[0x38] = VifMeaning.number("Period of tariff", "months", 0, CosemUnit.MONTH);
        t[0x39] = VifMeaning.number("Period of tariff", "years", 0, CosemUnit.YEAR);
        t[0x3A] = new VifMeaning("Dimensionless", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        range(t, 0x40, 16, "Voltage", "V", -9, CosemUnit.VOLT, 0);
        range(t, 0x50, 16, "Current", "A", -12, CosemUnit.AMPERE, 0);
        t[0x60] = new VifMeaning("Reset counter", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x61] = new VifMeaning("Cumulation counter", "", 0, CosemUnit.COUNT, 0, ValueKind.NUMBER);
        t[0x62] = VifMeaning.of("Control signal", ValueKind.BITS);
        t[0x63] = new VifMeaning("Day of week", "", 0, null, 0, ValueKind.NUMBER);
        t[0x64] = new VifMeaning("Week number", "", 0, null, 0, ValueKind.NUMBER);
        t[0x65] = VifMeaning.of("Time point of day change", ValueKind.DATE_TIME);
        t[0x66] = VifMeaning.of("State of parameter activation", ValueKind.BITS);
        // P2 4.2.2 §6.4.8: DSMR's meter configuration mask
        t[0x67] = VifMeaning.of("Special supplier information", ValueKind.BITS);
        longTime(t, 0x68, "Duration since last cumulation");
        longTime(t, 0x6C, "Operating time battery");
        t[0x70] = VifMeaning.of("Date and time of battery change", ValueKind.DATE_TIME);
        t[0x71] = VifMeaning.number("RF level", "dBm", 0, CosemUnit.DBM);
        t[0x72] = VifMeaning.of("Daylight saving", ValueKind.OPAQUE);
        t[0x73] = VifMeaning.of("Listening window management", ValueKind.OPAQUE);
        t[0x74] = VifMeaning.number("Remaining battery life time", "d", 0, CosemUnit.DAY);
        t[0x75] = new VifMeaning("Number of times the meter was stopped", "", 0, CosemUnit.COUNT, 0,
                ValueKind.NUMBER);
        t[0x76] = VifMeaning.of("Data container for manufacturer specific protocol", ValueKind.OPAQUE);
    }

    // EN 13757-3 Table 14: alternate extended VIF code table (VIF = FBh)
    private static void extensionFb() {
        VifMeaning[] t = FB;
        java.util.Arrays.fill(t, VifMeaning.RESERVED);
        range(t, 0x00, 2, "Energy", "MWh", -1, CosemUnit.WATT_HOUR, 6);
        range(t, 0x02, 2, "Reactive energy", "kVARh", 0, CosemUnit.VAR_HOUR, 3);
        range(t, 0x08, 2, "Energy", "GJ", -1, CosemUnit.JOULE, 9);
        range(t, 0x0C, 4, "Energy", "MCal", -1, null, 0);
        range(t, 0x10, 2, "Volume", "m^3", 2, CosemUnit.CUBIC_METRE, 0);
        range(t, 0x14, 4, "Reactive power", "kVAR", -3, CosemUnit.VAR, 3);
        range(t, 0x18, 2, "Mass", "t", 2, CosemUnit.KILOGRAM, 3);
        range(t, 0x1A, 2, "Relative humidity", "%", -1, CosemUnit.PERCENT, 0);
        t[0x20] = VifMeaning.number("Volume", "feet^3", 0, null);
        t[0x21] = VifMeaning.number("Volume", "feet^3", -1, null);
        range(t, 0x28, 2, "Power", "MW", -1, CosemUnit.WATT, 6);
        t[0x2A] = VifMeaning.number("Phase U-U (volt. to volt.)", "°", -1, CosemUnit.DEGREE);
        t[0x2B] = VifMeaning.number("Phase U-I (volt. to current)", "°", -1, CosemUnit.DEGREE);
        range(t, 0x2C, 4, "Frequency", "Hz", -3, CosemUnit.HERTZ, 0);
        range(t, 0x30, 2, "Power", "GJ/h", -1, CosemUnit.JOULE_PER_HOUR, 9);
        range(t, 0x58, 4, "Flow temperature", "°F", -3, null, 0);
        range(t, 0x5C, 4, "Return temperature", "°F", -3, null, 0);
        range(t, 0x60, 4, "Temperature difference", "°F", -3, null, 0);
        range(t, 0x64, 4, "External temperature", "°F", -3, null, 0);
        range(t, 0x70, 4, "Cold / Warm Temperature Limit", "°F", -3, null, 0);
        range(t, 0x74, 4, "Cold / Warm Temperature Limit", "°C", -3, CosemUnit.CELSIUS, 0);
        range(t, 0x78, 8, "Cumulative count max power", "W", -3, CosemUnit.WATT, 0);
    }
}
