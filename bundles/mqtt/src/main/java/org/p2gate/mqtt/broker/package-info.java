/** The MQTT connection (Eclipse Paho): settings, topics, reconnection with backoff, PUBACK-counted publishing. */
package org.p2gate.mqtt.broker;
