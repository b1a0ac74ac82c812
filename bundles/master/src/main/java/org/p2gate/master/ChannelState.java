package org.p2gate.master;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.p2gate.mbus.transport.ShortId;

/**
 * What the master knows of one channel (P2 4.2.2 Appendix A: the P2 fields behind COSEM M-Bus
 * Client Setup and value objects). Keys are kept apart ({@link ChannelKeys}). Immutable; the store
 * keeps the current one.
 *
 * @param channel                   the channel
 * @param binding                   the device it is bound to, or empty when the channel is free
 * @param device                    the device's Short ID as last read (identification number, manufacturer,
 *                                  version, device type)
 * @param accessNumber              the access number of the last accepted message
 * @param status                    the status byte of the last accepted message
 * @param equipmentIdentifier       the 17-character equipment identifier (P2 §6.4.1)
 * @param configurationMask         the meter configuration mask (01 FD 67)
 * @param versionProperties         the version texts (FD 0C–0F), name → value
 * @param keyStatus                 where the user key stands
 * @param lastValidatedFrameCounter the highest frame counter accepted from the device (P2 §5.2)
 * @param lastSentFrameCounter      the last frame counter the master sent to the device
 * @param lastHourlyValue           the newest hourly value
 * @param lastActualValue           the newest actual value (P2 §6.1, §6.4.3: a device that transfers actual values,
 *                                  storage number 0), with its time stamp; never in the hourly profile
 */
public record ChannelState(Channel channel, Optional<Binding> binding, Optional<ShortId> device, int accessNumber,
        int status, Optional<String> equipmentIdentifier, OptionalInt configurationMask,
        Map<String, String> versionProperties, EncryptionKeyStatus keyStatus, OptionalLong lastValidatedFrameCounter,
        OptionalLong lastSentFrameCounter, Optional<HourlyValue> lastHourlyValue, Optional<HourlyValue> lastActualValue) {

    public ChannelState {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(equipmentIdentifier, "equipmentIdentifier");
        Objects.requireNonNull(configurationMask, "configurationMask");
        versionProperties = Map.copyOf(versionProperties);
        Objects.requireNonNull(keyStatus, "keyStatus");
        Objects.requireNonNull(lastValidatedFrameCounter, "lastValidatedFrameCounter");
        Objects.requireNonNull(lastSentFrameCounter, "lastSentFrameCounter");
        Objects.requireNonNull(lastHourlyValue, "lastHourlyValue");
        Objects.requireNonNull(lastActualValue, "lastActualValue");
    }

    /** A state without an actual value. */
    public ChannelState(Channel channel, Optional<Binding> binding, Optional<ShortId> device, int accessNumber,
            int status, Optional<String> equipmentIdentifier, OptionalInt configurationMask,
            Map<String, String> versionProperties, EncryptionKeyStatus keyStatus, OptionalLong lastValidatedFrameCounter,
            OptionalLong lastSentFrameCounter, Optional<HourlyValue> lastHourlyValue) {
        this(channel, binding, device, accessNumber, status, equipmentIdentifier, configurationMask, versionProperties,
                keyStatus, lastValidatedFrameCounter, lastSentFrameCounter, lastHourlyValue, Optional.empty());
    }

    /** This state with the newest actual value {@code actual} (P2 §6.1). */
    public ChannelState withLastActualValue(HourlyValue actual) {
        return new ChannelState(channel, binding, device, accessNumber, status, equipmentIdentifier, configurationMask,
                versionProperties, keyStatus, lastValidatedFrameCounter, lastSentFrameCounter, lastHourlyValue,
                Optional.of(actual));
    }

    /** A free channel: nothing bound, nothing read. */
    public static ChannelState empty(Channel channel) {
        return new ChannelState(channel, Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), OptionalInt.empty(),
                Map.of(), EncryptionKeyStatus.NO_ENCRYPTION_KEY, OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty());
    }

    public ChannelState withBinding(Optional<Binding> newBinding) {
        return new ChannelState(channel, newBinding, device, accessNumber, status, equipmentIdentifier, configurationMask,
                versionProperties, keyStatus, lastValidatedFrameCounter, lastSentFrameCounter,
                lastHourlyValue, lastActualValue);
    }

    public ChannelState withKeyStatus(EncryptionKeyStatus newStatus) {
        return new ChannelState(channel, binding, device, accessNumber, status, equipmentIdentifier, configurationMask,
                versionProperties, newStatus, lastValidatedFrameCounter, lastSentFrameCounter,
                lastHourlyValue, lastActualValue);
    }

    /** P2 §5.2: a frame counter never goes backwards. */
    public ChannelState withLastValidatedFrameCounter(long counter) {
        if (lastValidatedFrameCounter.isPresent() && counter < lastValidatedFrameCounter.getAsLong()) {
            throw new IllegalArgumentException("the validated frame counter cannot go back from "
                    + lastValidatedFrameCounter.getAsLong() + " to " + counter);
        }
        return new ChannelState(channel, binding, device, accessNumber, status, equipmentIdentifier, configurationMask,
                versionProperties, keyStatus, OptionalLong.of(counter), lastSentFrameCounter,
                lastHourlyValue, lastActualValue);
    }

    public ChannelState withLastSentFrameCounter(long counter) {
        return new ChannelState(channel, binding, device, accessNumber, status, equipmentIdentifier, configurationMask,
                versionProperties, keyStatus, lastValidatedFrameCounter, OptionalLong.of(counter),
                lastHourlyValue, lastActualValue);
    }

    /**
     * The device the head-end named by its Short ID (P2 §8.3.1.1) before one was read: from now on only its messages
     * are accepted (§4.2.2).
     */
    public ChannelState withExpectedDevice(ShortId expected) {
        return new ChannelState(channel, binding, Optional.of(expected), accessNumber, status, equipmentIdentifier,
                configurationMask, versionProperties, keyStatus, lastValidatedFrameCounter, lastSentFrameCounter,
                lastHourlyValue, lastActualValue);
    }

    /** What an accepted message told about the device. */
    public ChannelState withReading(ShortId readDevice, int readAccessNumber, int readStatus, Optional<String> identifier,
            OptionalInt mask, Map<String, String> versions, Optional<HourlyValue> hourly) {
        return new ChannelState(channel, binding, Optional.of(readDevice), readAccessNumber, readStatus,
                identifier.or(() -> equipmentIdentifier), mask.isPresent() ? mask : configurationMask,
                versions.isEmpty() ? versionProperties : versions, keyStatus, lastValidatedFrameCounter,
                lastSentFrameCounter, hourly.or(() -> lastHourlyValue), lastActualValue);
    }
}
