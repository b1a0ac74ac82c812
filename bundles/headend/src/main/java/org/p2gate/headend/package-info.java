/**
 * A DLMS/COSEM head-end client for the P3 interface of the P2 M-Bus master (DSMR P3, P2 4.2.2
 * §8 and Appendix A): one association at a time over TCP with the DLMS wrapper (IEC 62056-47),
 * typed results (channel setup, values, profile rows, event log entries, method results) and one
 * typed {@link org.p2gate.headend.HeadEndException} whose message says what to do. Used by the
 * {@code ./p2gate headend} CLI, the system tests and the benchmark.
 */
@Export
@Version("0.1.0")
package org.p2gate.headend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
