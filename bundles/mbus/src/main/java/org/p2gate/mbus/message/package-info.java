/**
 * Whole M-Bus messages: one decoder that chains the link layer (wired FT1.2 or wireless FT3),
 * the transport layer (ELL, AFL, CI and header), security (DSMR mode 15, OMS modes 5 and 7) and
 * the application layer (data records), and the value it returns.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
