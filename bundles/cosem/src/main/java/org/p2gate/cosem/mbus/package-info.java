/**
 * The COSEM objects of the M-Bus master (DSMR P3; P2 4.2.2 Appendix A) bound to the master's state:
 * private to the bundle.
 */
package org.p2gate.cosem.mbus;
