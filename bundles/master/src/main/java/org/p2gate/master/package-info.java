/**
 * The DSMR P2 master (P2 4.2.2 §1.2, §4–7, Appendix A): M-Bus channels 1..4, what each is bound to,
 * what was read from it, its keys and frame counters, and the events, kept in a crash-safe store.
 */
@Export
@Version("0.1.0")
package org.p2gate.master;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
