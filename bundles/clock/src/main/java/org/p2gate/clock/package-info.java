/**
 * The one source of time of p2gate (DESIGN.md, "Time"): nothing else reads the wall clock or
 * sleeps. Links, the master and the simulator take a {@link org.p2gate.clock.Scheduler}; the
 * gateway gives them a {@link org.p2gate.clock.SystemScheduler}, tests a
 * {@link org.p2gate.clock.VirtualScheduler} that runs an hour of DSMR behaviour in milliseconds.
 */
@Export
@Version("0.1.0")
package org.p2gate.clock;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
