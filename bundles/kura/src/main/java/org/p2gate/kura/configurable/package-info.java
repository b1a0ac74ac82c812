/**
 * Kura's view of the p2gate components: one marker service per PID, so that Kura's ConfigurationService shows the
 * PID in its web UI and snapshots. Private to the bundle.
 *
 * <p>Kura 5.4 ConfigurationServiceImpl manages a PID when (1) some ACTIVE bundle has the metatype
 * {@code OSGI-INF/metatype/<pid>.xml} with an OCD whose id is the PID (its bundle tracker reads every bundle's
 * metatype, not only the bundle of the service), and (2) a service implementing {@code ConfigurableComponent}
 * carries {@code service.pid} and {@code kura.service.pid}, each ONE String equal to the PID. A marker declares only
 * {@code kura.service.pid}: {@code service.pid} comes from Config Admin (Kura writes the metatype defaults as soon as it
 * sees the OCD). Declaring it as well makes Felix SCR 2.1.16 (Kura 5.4's) register a list [declared, configured], which
 * Kura tracks under the PID "[pid, pid]" and then fails to configure. The OCD stays in the owning bundle (master, p3,
 * installation, cosem), which stays Kura-free; the marker lives here. Kura creates the configuration with location
 * "?", so the owning component and the marker both receive it; the owning component applies it.
 */
package org.p2gate.kura.configurable;
