/**
 * The wireless M-Bus medium of the E-meter (EN 13757-4 mode T2, the E-meter as the "other device";
 * DSMR P2 4.2.2 §2.2, §3.2, §4.4, §8.4): the {@link org.p2gate.mbus.wireless.Radio} SPI with the IMST
 * iM871A dongle driver, and the {@link org.p2gate.mbus.wireless.WirelessLink} that answers bound meters
 * inside their response window (CNF_IR, the frequent access cycle) and lists the others.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.wireless;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
