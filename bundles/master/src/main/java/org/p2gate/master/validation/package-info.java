/**
 * Validation of what a wired M-Bus device sends before the master uses it (P2 4.2.2 §4.1, §4.2,
 * §5.1, §5.2, §6.5): allowed C/CI, the device's Short ID, encryption as the channel's keys demand,
 * the 2F 2F fillers, and a frame counter above the last validated one. A rejected message is never
 * used; the reason is counted and logged by the master.
 */
@Export
@Version("0.1.0")
package org.p2gate.master.validation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
