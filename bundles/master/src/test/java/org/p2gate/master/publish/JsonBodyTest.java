package org.p2gate.master.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void stringsAreEscapedAsRfc8259Section7Says() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unit", "m\"3\\\n\u0001");
        fields.put("count", 7L);

        assertEquals("{\"type\":\"hourly\",\"unit\":\"m\\\"3\\\\\\u000a\\u0001\",\"count\":7}",
                new String(JsonBody.of("hourly", fields), StandardCharsets.UTF_8));
    }

    @Test
    void nonAsciiTextIsUtf8() {
        byte[] body = JsonBody.of("event", Map.of("unit", "m³"));

        assertEquals("{\"type\":\"event\",\"unit\":\"m³\"}", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aValueWithoutAJsonFormIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonBody.of("hourly", Map.of("value", 1.5d)));
    }
}
