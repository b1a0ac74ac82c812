/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.p2gate.kura.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.message.KuraPayload;
import org.junit.jupiter.api.Test;

class KuraPayloadTest {

    @Test
    void roundTripsMetricsAndTimestamp() {
        final Date when = new Date(1_700_000_000_000L);
        final KuraPayload payload = new KuraPayload();
        assertNull(payload.getTimestamp());
        payload.setTimestamp(when);
        payload.addMetric("meter.id", "E0031003000000000");
        payload.addMetric("energy.import.kWh", 1234.5d);
        payload.addMetric("valve.open", Boolean.TRUE);
        payload.addMetric("gas.m3", 12L);

        assertEquals(when, payload.getTimestamp());
        assertEquals("E0031003000000000", payload.getMetric("meter.id"));
        assertEquals(1234.5d, payload.getMetric("energy.import.kWh"));
        assertEquals(Boolean.TRUE, payload.getMetric("valve.open"));
        assertEquals(12L, payload.getMetric("gas.m3"));
        // like Kura's (a HashMap), the metric names come in no particular order
        assertEquals(Set.of("meter.id", "energy.import.kWh", "valve.open", "gas.m3"), payload.metricNames());
        assertEquals(4, payload.metrics().size());

        payload.removeMetric("valve.open");
        assertNull(payload.getMetric("valve.open"));
        assertEquals(Set.of("meter.id", "energy.import.kWh", "gas.m3"), payload.metrics().keySet());
        assertThrows(UnsupportedOperationException.class, () -> payload.metrics().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> payload.metricNames().remove("gas.m3"));
    }

    @Test
    void carriesBody() {
        final KuraPayload payload = new KuraPayload();
        assertNull(payload.getBody());
        payload.setBody(new byte[] { 1, 2, 3 });
        assertArrayEquals(new byte[] { 1, 2, 3 }, payload.getBody());
    }

    @Test
    void messageCopiesPropertiesAndKeepsPayload() {
        final KuraPayload payload = new KuraPayload();
        final Map<String, Object> props = new java.util.HashMap<>(Map.of("qos", 1));
        final KuraMessage message = new KuraMessage(payload, props);
        props.put("retain", true);
        assertSame(payload, message.getPayload());
        assertEquals(Map.of("qos", 1), message.getProperties());
        assertEquals(Map.of(), new KuraMessage(payload).getProperties());
    }

    @Test
    void exceptionKeepsCodeAndCause() {
        final IllegalStateException cause = new IllegalStateException("port gone");
        final KuraException e = new KuraException(KuraErrorCode.SERIAL_PORT_NOT_EXISTING, cause, "/dev/ttyUSB0");
        assertEquals(KuraErrorCode.SERIAL_PORT_NOT_EXISTING, e.getCode());
        assertSame(cause, e.getCause());
        assertEquals(KuraErrorCode.NOT_CONNECTED, new KuraException(KuraErrorCode.NOT_CONNECTED).getCode());
        assertEquals("CONFIGURATION_ERROR [bad]",
                new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "bad").getMessage());
    }
}
