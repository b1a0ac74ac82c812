/**
 * The wired M-Bus medium (EN 13757-2, DSMR P2 4.2.2 §2.1, §3.1): the transports that carry bytes
 * to the bus and back, and the master link that sends requests and collects answers with the
 * standard's timing.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.wired;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
