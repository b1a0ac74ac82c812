/**
 * Simulated wired M-Bus (EN 13757-2, DSMR P2 4.2.2 §2.1, §3.1): the logic of single meters
 * ({@link org.p2gate.simulator.wired.SimulatedWiredDevice}) and the bus segment that carries
 * their frames with the wire's timing ({@link org.p2gate.simulator.wired.SimulatedBusSegment}).
 */
@Export
@Version("0.1.0")
package org.p2gate.simulator.wired;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
