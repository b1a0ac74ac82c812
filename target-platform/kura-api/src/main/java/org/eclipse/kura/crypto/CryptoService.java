/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura.crypto;

import org.eclipse.kura.KuraException;

/** Declaration of the one method of Kura's CryptoService the adapter calls: the decryption of password properties. */
public interface CryptoService {

    /** The plain text of a value Kura stored encrypted (a configuration property of type Password). */
    char[] decryptAes(char[] encryptedValue) throws KuraException;
}
