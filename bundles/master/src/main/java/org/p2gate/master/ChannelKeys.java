package org.p2gate.master;

import java.util.Objects;
import java.util.Optional;
import org.p2gate.mbus.security.AesKey;

/**
 * The keys of a channel (P2 4.2.2 §5): the device's default key (fixed per device, wraps the user
 * key) and the user key (mode 15). {@link AesKey} never prints its bytes, so neither does this.
 */
public record ChannelKeys(Optional<AesKey> defaultKey, Optional<AesKey> userKey) {

    public static final ChannelKeys NONE = new ChannelKeys(Optional.empty(), Optional.empty());

    public ChannelKeys {
        Objects.requireNonNull(defaultKey, "defaultKey");
        Objects.requireNonNull(userKey, "userKey");
    }

    /** P2 §5: an all-zero user key means no encryption. */
    public boolean encrypts() {
        return userKey.isPresent() && !userKey.get().isZero();
    }
}
