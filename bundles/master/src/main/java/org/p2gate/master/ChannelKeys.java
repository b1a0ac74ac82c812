package org.p2gate.master;

import java.util.Objects;
import java.util.Optional;
import org.p2gate.mbus.security.AesKey;

/**
 * The keys of a channel (P2 4.2.2 §5, §6.5): the device's default key (fixed per device, wraps the user
 * key), the user key (mode 15) and a pending user key — one the master is transferring to the device
 * whose acknowledgement it has not seen (DESIGN.md "Durability": committed before it is sent). A pending
 * key becomes the user key on the device's E5h, or when an answer of the device validates with it; it
 * stays pending (unused for commands) until then or until the next transfer replaces it.
 * {@link AesKey} never prints its bytes, so neither does this.
 */
public record ChannelKeys(Optional<AesKey> defaultKey, Optional<AesKey> userKey, Optional<AesKey> pendingUserKey) {

    public static final ChannelKeys NONE = new ChannelKeys(Optional.empty(), Optional.empty(), Optional.empty());

    public ChannelKeys {
        Objects.requireNonNull(defaultKey, "defaultKey");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(pendingUserKey, "pendingUserKey");
    }

    /** Keys without a pending user key. */
    public ChannelKeys(Optional<AesKey> defaultKey, Optional<AesKey> userKey) {
        this(defaultKey, userKey, Optional.empty());
    }

    /** P2 §5: an all-zero user key means no encryption. */
    public boolean encrypts() {
        return userKey.isPresent() && !userKey.get().isZero();
    }

    /** The same keys with {@code key} pending (a transfer begins). */
    public ChannelKeys withPendingUserKey(AesKey key) {
        return new ChannelKeys(defaultKey, userKey, Optional.of(Objects.requireNonNull(key, "key")));
    }

    /** The pending key as the user key, none pending (the device showed it has it); unchanged if none is pending. */
    public ChannelKeys promoted() {
        return pendingUserKey.isEmpty() ? this : new ChannelKeys(defaultKey, pendingUserKey, Optional.empty());
    }

    /** Whether the device may be using a non-zero user key: the user key, or a pending one it may have taken. */
    public boolean mayEncrypt() {
        return encrypts() || pendingUserKey.isPresent() && !pendingUserKey.get().isZero();
    }
}
