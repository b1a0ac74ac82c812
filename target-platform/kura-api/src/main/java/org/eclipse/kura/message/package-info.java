/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * Declaration of {@code KuraPayload}.
 * <p>
 * Exported at the version Eclipse Kura 5.4 exports this package with (see README.md), so that bundles compiled
 * against these declarations import a range the real {@code org.eclipse.kura.api} bundle satisfies.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.eclipse.kura.message;
