/** The runtime's clock choice as an OSGi component (private to the bundle). */
package org.p2gate.clock.component;
