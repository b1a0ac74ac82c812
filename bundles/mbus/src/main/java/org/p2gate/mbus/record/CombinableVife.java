package org.p2gate.mbus.record;

/** The combinable (orthogonal) VIFE codes of EN 13757-3 Table 15, for units and descriptions. */
final class CombinableVife {

    private static final String[] PER = {"/s", "/min", "/h", "/d", "/week", "/month", "/year", "/revolution",
        "/pulse input 0", "/pulse input 1", "/pulse output 0", "/pulse output 1", "/l", "/m^3", "/kg", "/K", "/kWh",
        "/GJ", "/kW", "/(K*l)", "/V", "/A", "*s", "*s/V", "*s/A"};

    private CombinableVife() {}

    /** The unit suffix of a "per …" / "multiplied by …" VIFE (20h..38h), else null. */
    static String unitSuffix(int e) {
        return e >= 0x20 && e <= 0x38 ? PER[e - 0x20] : null;
    }

    static String describe(int e) {
        if (e <= 0x0F) {
            return "action / error code " + e; // E000 xxxx: object action (to slave) or error (from slave)
        }
        if (e >= 0x15 && e <= 0x1C) {
            return "record error code " + e;
        }
        if (e >= 0x20 && e <= 0x38) {
            return "unit " + PER[e - 0x20];
        }
        if (e >= 0x70 && e <= 0x77) {
            return "multiplicative correction factor 10^" + (e - 0x70 - 6);
        }
        if (e >= 0x78 && e <= 0x7B) {
            return "additive correction constant 10^" + (e - 0x78 - 3) + " (not applied)";
        }
        return switch (e) {
            case 0x12 -> "average value";
            case 0x13 -> "inverse compact profile";
            case 0x14 -> "relative deviation";
            case 0x1D -> "standard conform data content";
            case 0x1E -> "compact profile with register numbers";
            case 0x1F -> "compact profile";
            case 0x39 -> "start date/time of";
            case 0x3A -> "uncorrected unit (meter unit)";
            case 0x3B -> "accumulation only if positive contributions (forward flow)";
            case 0x3C -> "accumulation of abs value only if negative contributions (backward flow)";
            case 0x3E -> "value at base conditions";
            case 0x3F -> "OBIS declaration";
            case 0x7C -> "extension of combinable VIFE";
            case 0x7D -> "multiplicative correction factor 10^3";
            case 0x7E -> "future value";
            case 0x7F -> "manufacturer specific VIFEs follow";
            default -> (e & 0x72) == 0x42 || (e & 0x7A) == 0x6A ? "date/time of begin/end"
                    : "combinable VIFE " + Integer.toHexString(e) + "h";
        };
    }
}
