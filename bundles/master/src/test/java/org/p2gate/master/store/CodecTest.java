package org.p2gate.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** The store's entry format: round trips, and every damage detected. */
class CodecTest {

    private final Random random = new Random(20240301);

    private <T> Optional<T> maybe(T value) {
        return random.nextBoolean() ? Optional.of(value) : Optional.empty();
    }

    private ShortId shortId() {
        return new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)), random.nextInt(256),
                DeviceType.of(random.nextInt(256)));
    }

    private HourlyValue hourlyValue() {
        BigDecimal value = new BigDecimal(new BigInteger(1 + random.nextInt(100), random).negate(), random.nextInt(20) - 5);
        return new HourlyValue(Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)), value,
                random.nextBoolean() ? "m^3" : "kWh \u00b3 \u20ac", random.nextInt(), random.nextInt(), random.nextInt(256));
    }

    private ChannelState randomState() {
        Channel channel = Channel.of(1 + random.nextInt(4));
        Optional<Binding> binding = random.nextBoolean() ? Optional.empty()
                : random.nextBoolean() ? Optional.of(new Binding.Wired(1 + random.nextInt(250)))
                        : Optional.of(new Binding.Wireless(shortId()));
        Map<String, String> versions = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            versions.put("v" + random.nextInt(), Long.toHexString(random.nextLong()));
        }
        return new ChannelState(channel, binding, maybe(shortId()), random.nextInt(), random.nextInt(),
                maybe("E" + random.nextLong()), random.nextBoolean() ? OptionalInt.of(random.nextInt()) : OptionalInt.empty(),
                versions, EncryptionKeyStatus.values()[random.nextInt(5)],
                random.nextBoolean() ? OptionalLong.of(random.nextLong()) : OptionalLong.empty(),
                random.nextBoolean() ? OptionalLong.of(random.nextLong()) : OptionalLong.empty(), maybe(hourlyValue()),
                maybe(hourlyValue())); // the actual value (issue 15 item 4)
    }

    @Test
    void randomChannelStatesRoundTrip() {
        for (int i = 0; i < 2000; i++) {
            ChannelState state = randomState();
            assertEquals(state, Codec.decodeState(state.channel(), Codec.encodeState(state)));
        }
    }

    @Test
    void randomHourlyValuesRoundTripWithTheirScale() {
        for (int i = 0; i < 2000; i++) {
            HourlyValue value = hourlyValue();
            HourlyValue back = Codec.decodeHourly(Channel.of(1), value.captureTime().getEpochSecond(), Codec.encodeHourly(value));
            assertEquals(value, back);
            assertEquals(value.value().scale(), back.value().scale());
        }
    }

    @Test
    void everyEventKindRoundTrips() {
        for (MBusEventKind kind : MBusEventKind.values()) {
            for (Channel channel : Channel.ALL) {
                MBusEvent event = new MBusEvent(Instant.ofEpochSecond(1_700_000_000L, 123), channel, kind);
                assertEquals(event, Codec.decodeEvent(7, Codec.encodeEvent(event)));
            }
        }
    }

    @Test
    void everySingleBitFlipOfAnEntryIsDetected() {
        ChannelState state = Fixtures.fullState(Channel.of(2), 123_456);
        byte[] entry = Codec.encodeState(state);
        for (int bit = 0; bit < entry.length * 8; bit++) {
            byte[] damaged = entry.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            CorruptEntryException corrupt = assertThrows(CorruptEntryException.class,
                    () -> Codec.decodeState(Channel.of(2), damaged));
            assertTrue(corrupt.getMessage().startsWith("channel 2 state"), corrupt.getMessage());
        }
    }

    @Test
    void everyTruncationOfAnEntryIsDetected() {
        byte[] entry = Codec.encodeHourly(Fixtures.hourly(3, "42.125"));
        long key = Fixtures.hourly(3, "42.125").captureTime().getEpochSecond();
        for (int length = 0; length < entry.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(entry, length);
            assertThrows(CorruptEntryException.class, () -> Codec.decodeHourly(Channel.of(1), key, truncated));
        }
    }

    @Test
    void aWellSealedButMalformedPayloadIsCorruptNotAnotherException() {
        // a good checksum around bytes this code did not write: every field is still checked
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[1 + random.nextInt(80)];
            random.nextBytes(payload);
            payload[0] = (byte) (1 + random.nextInt(4));
            byte[] entry = Envelope.seal(Envelope.CHANNEL_STATE, payload);
            try {
                Codec.decodeState(Channel.of(payload[0]), entry);
            } catch (CorruptEntryException expected) {
                // reported, never another exception type
            }
        }
    }

    @Test
    void aNewerFormatVersionIsReportedAsSuch() {
        byte[] entry = Codec.encodeEvent(new MBusEvent(Fixtures.T0, Channel.of(1), MBusEventKind.DEAD_BATTERY));
        entry[1] = 2;
        byte[] resealed = Envelope.seal(Envelope.EVENT, java.util.Arrays.copyOfRange(entry, 2, entry.length - 4));
        resealed[1] = 2;
        // the CRC covers the version byte: recompute it as a newer writer would
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(resealed, 0, resealed.length - 4);
        int value = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            resealed[resealed.length - 4 + i] = (byte) (value >>> (24 - 8 * i));
        }
        CorruptEntryException newer = assertThrows(CorruptEntryException.class, () -> Codec.decodeEvent(0, resealed));
        assertTrue(newer.getMessage().contains("format version 2"), newer.getMessage());
    }

    @Test
    void aChannelStateWrittenBeforeActualValuesDecodesWithoutOne() {
        ChannelState state = Fixtures.fullState(org.p2gate.master.Channel.of(2), 1000);
        byte[] payload = Envelope.open(Envelope.CHANNEL_STATE, Codec.encodeState(state), "test");
        // the format before issue 15 item 4 ended after the hourly value: without the trailing "no actual value" byte
        byte[] older = Envelope.seal(Envelope.CHANNEL_STATE, java.util.Arrays.copyOf(payload, payload.length - 1));
        assertEquals(state, Codec.decodeState(state.channel(), older));
    }
}
