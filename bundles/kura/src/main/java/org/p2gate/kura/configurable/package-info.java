/**
 * Kura's view of the p2gate components: one marker service per PID, so that Kura's ConfigurationService shows the
 * PID in its web UI and snapshots. Private to the bundle.
 *
 * <p>Kura 5.4 ConfigurationServiceImpl manages a PID when (1) some ACTIVE bundle has the metatype
 * {@code OSGI-INF/metatype/<pid>.xml} with an OCD whose id is the PID (its bundle tracker reads every bundle's
 * metatype, not only the bundle of the service), and (2) a service implementing {@code ConfigurableComponent}
 * carries {@code service.pid} and {@code kura.service.pid}. The OCD therefore stays in the owning bundle (master, p3,
 * installation), which stays Kura-free; the marker lives here. Kura creates the configuration with location "?", so
 * the owning component and the marker both receive it; the owning component applies it.
 */
package org.p2gate.kura.configurable;
