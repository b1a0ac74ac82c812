/**
 * Byte-level primitives shared by the packages of this bundle (byte order, BCD). Private to the
 * bundle: not exported.
 */
package org.p2gate.mbus.wire;
