/**
 * The P3 DLMS/COSEM server (DSMR P3, IEC 62056-47 TCP wrapper, DLMS Green Book security suite 0):
 * start it on a {@link org.p2gate.cosem.CosemDevice} with {@link org.p2gate.p3.P3Settings}; it
 * serves the public client (SAP 16) and the management client (SAP 1, HLS 5 GMAC) and enforces
 * the security policy that the Gurux library does not.
 */
@Export
@Version("0.1.0")
package org.p2gate.p3;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
