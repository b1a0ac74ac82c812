package org.p2gate.mbus.message;

import java.util.Optional;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.ShortId;

/** Which key decrypts the messages of a device: the master's channel keys, or a key given on a command line. */
@FunctionalInterface
public interface KeyLookup {

    /** No keys: encrypted messages fail with {@link org.p2gate.mbus.Reason#NO_KEY}. */
    KeyLookup NONE = device -> Optional.empty();

    Optional<AesKey> keyFor(ShortId device);

    /** The same key for every device. */
    static KeyLookup always(AesKey key) {
        return device -> Optional.of(key);
    }
}
