/**
 * The Amber/Würth AMB8465-M USB stick (radio module of the AMB8426-M/8626-M "Metis-II" family) in command mode, as its
 * public user manual describes it: frames {@code FF <command> <length> <payload> <checksum>}, the checksum the XOR of
 * every byte before it, confirmations with bit 80h set. Private to the bundle.
 */
package org.p2gate.mbus.wireless.amber;
