/**
 * Simulated wireless M-Bus: a radio medium in virtual time (per-link loss and signal strength, collisions),
 * a DSMR 4.2.2 wireless gas meter (the EN 13757-4 T2 meter side) and unidirectional OMS meters.
 */
@Export
@Version("0.1.0")
package org.p2gate.simulator.wireless;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
