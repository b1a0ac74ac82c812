/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura.message;

import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A message payload: a timestamp, named metrics and an optional binary body.
 * <p>
 * A working implementation, so that tests can read back what was published; like Kura's, it keeps the metrics
 * in a HashMap (no order). On the gateway Kura's own class is used. Kura's position field is not declared here.
 */
@ProviderType
public class KuraPayload {

    private final Map<String, Object> metrics = new HashMap<>();
    private Date timestamp;
    private byte[] body;

    public KuraPayload() {
        // empty payload: no timestamp, no metrics, no body
    }

    public Date getTimestamp() {
        return this.timestamp;
    }

    public void setTimestamp(Date timestamp) {
        this.timestamp = timestamp;
    }

    public Object getMetric(String name) {
        return this.metrics.get(name);
    }

    public void addMetric(String name, Object value) {
        this.metrics.put(name, value);
    }

    public void removeMetric(String name) {
        this.metrics.remove(name);
    }

    public Set<String> metricNames() {
        return Collections.unmodifiableSet(this.metrics.keySet());
    }

    public Map<String, Object> metrics() {
        return Collections.unmodifiableMap(this.metrics);
    }

    public byte[] getBody() {
        return this.body;
    }

    public void setBody(byte[] body) {
        this.body = body;
    }
}
