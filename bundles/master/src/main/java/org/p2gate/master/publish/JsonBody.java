package org.p2gate.master.publish;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The same reading as the metrics, as a UTF-8 JSON object for the payload body: Kura's raw MQTT publishers send only
 * the body (they refuse a payload without one and ignore metrics and message properties). Values are Strings,
 * Integers and Longs only; keys and String values are escaped as RFC 8259 §7 says.
 */
final class JsonBody {

    private JsonBody() {
    }

    /** {@code {"type":TYPE, <fields in their order>}} as UTF-8. */
    static byte[] of(String type, Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        member(json, FieldNames.PROPERTY_TYPE, type);
        fields.forEach((name, value) -> member(json.append(','), name, value));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void member(StringBuilder json, String name, Object value) {
        string(json, name);
        json.append(':');
        if (value instanceof Integer || value instanceof Long) {
            json.append(value);
        } else if (value instanceof String text) {
            string(json, text);
        } else {
            throw new IllegalArgumentException("no JSON form for metric " + name + " of " + value.getClass());
        }
    }

    /** RFC 8259 §7: quotation mark and reverse solidus escaped by a backslash, control characters as \\u00XX. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        text.chars().forEach(c -> json.append(c == '"' || c == '\\' ? "\\" + (char) c
                : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        json.append('"');
    }
}
