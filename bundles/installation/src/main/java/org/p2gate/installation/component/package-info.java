/** The installation as an OSGi component (PID org.p2gate.installation) and its operator commands; not exported. */
package org.p2gate.installation.component;
