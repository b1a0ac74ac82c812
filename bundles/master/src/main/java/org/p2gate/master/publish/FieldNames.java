package org.p2gate.master.publish;

/**
 * The field names of a published reading: the Kura adapter's metric and message-property names and the members of the
 * JSON body, on Kura and on an MQTT broker alike (documented in README.md, "Kura" and "Publishing to MQTT").
 */
public final class FieldNames {

    /** Message property and first JSON member: "hourly" or "event" (usable as {@code $type} in a Kura topic). */
    public static final String PROPERTY_TYPE = "type";
    /** Message property: the channel number 1..4. */
    public static final String PROPERTY_CHANNEL = "channel";
    public static final String TYPE_HOURLY = "hourly";
    public static final String TYPE_EVENT = "event";

    /** Integer: the M-Bus channel 1..4 (both payloads). */
    public static final String CHANNEL = "channel";
    /** String: the exact value in the meter's unit, a plain decimal (e.g. "1234.567"), never rounded through double. */
    public static final String VALUE = "value";
    /** Long: the COSEM value, i.e. value = mantissa × 10^scaler (absent if it does not fit a long). */
    public static final String MANTISSA = "mantissa";
    /** Integer: the COSEM scaler (power of ten). */
    public static final String SCALER = "scaler";
    /** String: the unit as text, e.g. "m^3". */
    public static final String UNIT = "unit";
    /** Integer: the IEC 62056-6-2 unit code of the COSEM scaler_unit, e.g. 14 for m³. */
    public static final String COSEM_UNIT = "cosem_unit";
    /** String: the meter's capture time, ISO-8601 UTC; also the payload timestamp. */
    public static final String CAPTURE_TIME = "capture_time";
    /** Integer: the status byte (STS) that came with the value. */
    public static final String STATUS = "status";
    /** String: the device's Short ID as MAN-IDENTIFICATION-VERSION-TYPE, e.g. "GWF-12345678-v3-t03" (absent if unknown). */
    public static final String DEVICE = "device";
    /** Integer: the DSMR M-Bus event code 100 + 10 × (channel − 1) + k. */
    public static final String CODE = "code";
    /** String: the event kind, e.g. "COMMUNICATION_ERROR". */
    public static final String EVENT = "event";
    /** String: when the master noticed the event, ISO-8601 UTC; also the payload timestamp. */
    public static final String TIME = "time";

    private FieldNames() {
    }
}
