/**
 * Transport layer (EN 13757-3/-7): CI codes, short and long headers, Short ID, manufacturer code, device type, configuration word, ELL and AFL.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
