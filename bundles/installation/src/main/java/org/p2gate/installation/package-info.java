/**
 * Installation mode and the binding procedures of DSMR P2 4.2.2 section 8: the E-meter's installation-mode
 * state machine, the wired scan and set-address procedure, slave_install / slave_deinstall, the selection of
 * a wireless installation candidate, and the task chain after a binding. It drives the master and holds no
 * channel state of its own (DESIGN.md "Layers").
 */
@Export
@Version("0.1.0")
package org.p2gate.installation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
