/** The P3 keys as Kura stores them (encrypted password properties). Private to the bundle. */
package org.p2gate.kura.secrets;
