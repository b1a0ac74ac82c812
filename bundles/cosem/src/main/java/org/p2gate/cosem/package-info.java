/** The COSEM logical device of the M-Bus master, as the P3 server serves it. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.p2gate.cosem;
