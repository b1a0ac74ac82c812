/**
 * Link-layer frames: wired FT1.2 (EN 13757-2: single character, short, control and long frames, stream parser) and wireless FT3 (EN 13757-4: formats A and B, CRC-16).
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.frame;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
