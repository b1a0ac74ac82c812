/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * Declaration of {@code CryptoService}. Exported at 1.0.0, the lowest version Kura 5 can export it with, so the
 * adapter imports {@code [1.0,2)} (to be checked on a gateway as README.md says).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.eclipse.kura.crypto;
