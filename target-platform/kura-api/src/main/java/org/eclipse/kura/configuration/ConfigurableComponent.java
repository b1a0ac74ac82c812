/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marker interface: Kura's ConfigurationService manages (web UI, snapshots) only components whose service object
 * implements it and that have a {@code service.pid}; their metatype must be {@code OSGI-INF/metatype/<pid>.xml}.
 */
@ConsumerType
public interface ConfigurableComponent {
}
