/**
 * DSMR P2 4.2.2 message rules: the allowed (medium, direction, C, CI) combinations of Tables 5 and 6, and DSMR-specific records.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.dsmr;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
