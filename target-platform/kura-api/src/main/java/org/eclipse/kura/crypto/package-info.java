/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.1.
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * Declaration of {@code CryptoService}, exported at 1.3.0 as Kura 5.4.1 exports it (README.md), so the adapter
 * imports {@code [1.3,2)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.eclipse.kura.crypto;
