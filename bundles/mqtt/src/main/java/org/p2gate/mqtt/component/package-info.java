/** The MQTT publishing as a DS component, configured by PID {@code org.p2gate.mqtt}. */
package org.p2gate.mqtt.component;
