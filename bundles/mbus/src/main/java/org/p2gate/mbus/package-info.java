/**
 * M-Bus protocol library (EN 13757-2/-3/-4, DSMR P2 4.2.2, OMS): the typed decoding error shared by every package.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
