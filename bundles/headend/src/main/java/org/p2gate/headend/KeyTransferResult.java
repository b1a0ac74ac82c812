package org.p2gate.headend;

import java.util.Optional;

/**
 * The two steps of a key change (P2 4.2.2 §6.5.1, §8.3.1.2): transfer_key with the wrapped user
 * key, then, only if that succeeded, set_encryption_key with the user key.
 */
public record KeyTransferResult(MethodResult transferKey, Optional<MethodResult> setEncryptionKey) {

    /** Whether both steps succeeded. */
    public boolean success() {
        return transferKey.success() && setEncryptionKey.map(MethodResult::success).orElse(false);
    }
}
