/**
 * Publishing the master's readings: one mapping of an hourly value and of an M-Bus event to fields and a JSON body
 * ({@link org.p2gate.master.publish.Reading}), a per-channel cursor persisted in the data folder
 * ({@link org.p2gate.master.publish.PublishCursor}) and the publisher that reads new values from the master's store
 * and hands them to a {@link org.p2gate.master.publish.ReadingSink} (a Kura CloudPublisher, an MQTT broker).
 */
@Export
@Version("0.1.0")
package org.p2gate.master.publish;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
