/**
 * Publishing to the cloud through a Kura CloudPublisher: one KuraPayload per new hourly value (read from the
 * master's durable store, so none is lost while no publisher is there) and per M-Bus event (held in a bounded
 * backlog). Private to the bundle.
 */
package org.p2gate.kura.publish;
