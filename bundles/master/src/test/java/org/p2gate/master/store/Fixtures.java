package org.p2gate.master.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.ChannelState;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.master.HourlyValue;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** Values for the store tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final ShortId GAS_METER = ShortId.of(12345678, ManufacturerCode.of("ABC"), 0x50, DeviceType.GAS);

    private Fixtures() {
    }

    /** A state with every field set. */
    static ChannelState fullState(Channel channel, long frameCounter) {
        return new ChannelState(channel, Optional.of(new Binding.Wired(7)), Optional.of(GAS_METER), 0x2A, 0x04,
                Optional.of("E0012345678901234"), OptionalInt.of(0x0103), Map.of("firmware", "1.02", "hardware", "B"),
                EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, OptionalLong.of(frameCounter), OptionalLong.of(99),
                Optional.of(hourly(5, "1234.567")));
    }

    static ChannelState boundState(Channel channel, long frameCounter) {
        return ChannelState.empty(channel).withBinding(Optional.of(new Binding.Wired(channel.number() + 10)))
                .withLastValidatedFrameCounter(frameCounter);
    }

    /** The hourly value of hour {@code hour} after {@link #T0}. */
    static HourlyValue hourly(int hour, String value) {
        return new HourlyValue(T0.plusSeconds(3600L * hour), new BigDecimal(value), "m^3", 13, -3, 0);
    }

    /** A key derived from a number, so that a child process and the test agree on it without printing it. */
    static AesKey key(String purpose, long number) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((purpose + ":" + number).getBytes(StandardCharsets.US_ASCII));
            return AesKey.of(digest, 0);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static ChannelKeys keys(long number) {
        return new ChannelKeys(Optional.of(key("default", number)), Optional.of(key("user", number)));
    }
}
