/**
 * Security: DSMR mode 15, OMS modes 5 and 7, key wrapping, CMAC key derivation, and key holders that never print their bytes.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
