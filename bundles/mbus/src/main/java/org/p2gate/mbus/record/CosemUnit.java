package org.p2gate.mbus.record;

/**
 * A unit of the DLMS/COSEM unit enumeration (IEC 62056-6-2, "unit" of the scaler_unit
 * attribute), by its code and symbol.
 */
public record CosemUnit(int code, String symbol) {

    public static final CosemUnit YEAR = new CosemUnit(1, "a");
    public static final CosemUnit MONTH = new CosemUnit(2, "mo");
    public static final CosemUnit WEEK = new CosemUnit(3, "wk");
    public static final CosemUnit DAY = new CosemUnit(4, "d");
    public static final CosemUnit HOUR = new CosemUnit(5, "h");
    public static final CosemUnit MINUTE = new CosemUnit(6, "min");
    public static final CosemUnit SECOND = new CosemUnit(7, "s");
    public static final CosemUnit DEGREE = new CosemUnit(8, "°");
    public static final CosemUnit CELSIUS = new CosemUnit(9, "°C");
    public static final CosemUnit CURRENCY = new CosemUnit(10, "currency");
    public static final CosemUnit CUBIC_METRE = new CosemUnit(13, "m^3");
    public static final CosemUnit CUBIC_METRE_PER_HOUR = new CosemUnit(15, "m^3/h");
    public static final CosemUnit CUBIC_METRE_PER_DAY = new CosemUnit(17, "m^3/d");
    public static final CosemUnit LITRE = new CosemUnit(19, "l");
    public static final CosemUnit KILOGRAM = new CosemUnit(20, "kg");
    public static final CosemUnit BAR = new CosemUnit(24, "bar");
    public static final CosemUnit JOULE = new CosemUnit(25, "J");
    public static final CosemUnit JOULE_PER_HOUR = new CosemUnit(26, "J/h");
    public static final CosemUnit WATT = new CosemUnit(27, "W");
    public static final CosemUnit VAR = new CosemUnit(29, "var");
    public static final CosemUnit WATT_HOUR = new CosemUnit(30, "Wh");
    public static final CosemUnit VAR_HOUR = new CosemUnit(32, "varh");
    public static final CosemUnit AMPERE = new CosemUnit(33, "A");
    public static final CosemUnit VOLT = new CosemUnit(35, "V");
    public static final CosemUnit HERTZ = new CosemUnit(44, "Hz");
    public static final CosemUnit KILOGRAM_PER_SECOND = new CosemUnit(50, "kg/s");
    public static final CosemUnit KELVIN = new CosemUnit(52, "K");
    public static final CosemUnit PERCENT = new CosemUnit(56, "%");
    public static final CosemUnit DBM = new CosemUnit(70, "dBm");
    /** Code 255: no unit, a count (IEC 62056-6-2). */
    public static final CosemUnit COUNT = new CosemUnit(255, "count");

    public CosemUnit {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("a COSEM unit is an enum 0..255, got " + code);
        }
        java.util.Objects.requireNonNull(symbol, "symbol");
    }
}
