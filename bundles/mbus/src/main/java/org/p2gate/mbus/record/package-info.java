/**
 * Application layer (EN 13757-3): DIF/DIFE, VIF/VIFE tables, data types A-M and LVAR, data records, and their COSEM unit and scaler.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.record;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
