package org.p2gate.master.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.master.ReplayFloor;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.transport.ShortId;

/**
 * The store's own binary form of channel states, hourly values and events (format version 1; no Java
 * serialization), inside an {@link Envelope}. Integers are big-endian; strings are length-prefixed
 * (modified) UTF-8; an optional is a presence byte 0/1 and then its value.
 *
 * <pre>
 * channel state: channel u8 | binding u8 (0 none, 1 wired: address u8, 2 wireless: Short ID 8, header order)
 *                | device 0/1 + Short ID 8 | access number i32 | status i32 | equipment id 0/1 + utf
 *                | configuration mask 0/1 + i32 | version properties u16 count + (utf name, utf value)…
 *                | key status u8 (COSEM value) | last validated FC 0/1 + i64 | last sent FC 0/1 + i64
 *                | last hourly value 0/1 + hourly value
 * hourly value:  epoch second i64 | nanos i32 | value: scale i32, unscaled u16 length + two's complement
 *                | unit utf | COSEM unit i32 | scaler i32 | status u8
 * event:         epoch second i64 | nanos i32 | channel u8 | kind u8 (its DSMR offset)
 * </pre>
 */
final class Codec {

    private static final int MAX_VERSION_PROPERTIES = 256;

    private Codec() {
    }

    // ---- channel state

    static byte[] encodeState(ChannelState state) {
        return Envelope.seal(Envelope.CHANNEL_STATE, write(out -> {
            out.writeByte(state.channel().number());
            writeBinding(out, state.binding());
            out.writeBoolean(state.device().isPresent());
            if (state.device().isPresent()) {
                out.write(state.device().get().toHeader());
            }
            out.writeInt(state.accessNumber());
            out.writeInt(state.status());
            writeOptionalString(out, state.equipmentIdentifier());
            out.writeBoolean(state.configurationMask().isPresent());
            if (state.configurationMask().isPresent()) {
                out.writeInt(state.configurationMask().getAsInt());
            }
            Map<String, String> versions = new TreeMap<>(state.versionProperties());
            if (versions.size() > MAX_VERSION_PROPERTIES) {
                throw new IllegalArgumentException(state.channel() + ": at most " + MAX_VERSION_PROPERTIES
                        + " version properties are stored, got " + versions.size());
            }
            out.writeShort(versions.size());
            for (Map.Entry<String, String> version : versions.entrySet()) {
                out.writeUTF(version.getKey());
                out.writeUTF(version.getValue());
            }
            out.writeByte(state.keyStatus().cosemValue());
            writeOptionalLong(out, state.lastValidatedFrameCounter());
            writeOptionalLong(out, state.lastSentFrameCounter());
            out.writeBoolean(state.lastHourlyValue().isPresent());
            if (state.lastHourlyValue().isPresent()) {
                writeHourly(out, state.lastHourlyValue().get());
            }
            // issue 15 item 4, appended: a state written before it has none
            out.writeBoolean(state.lastActualValue().isPresent());
            if (state.lastActualValue().isPresent()) {
                writeHourly(out, state.lastActualValue().get());
            }
        }));
    }

    static ChannelState decodeState(Channel channel, byte[] entry) {
        String what = channel + " state";
        return read(Envelope.open(Envelope.CHANNEL_STATE, entry, what), what, in -> {
            int number = in.readUnsignedByte();
            if (number != channel.number()) {
                throw new CorruptEntryException(what + " is corrupt: it holds the state of channel " + number);
            }
            Optional<Binding> binding = readBinding(in);
            Optional<ShortId> device = in.readBoolean() ? Optional.of(readShortId(in)) : Optional.empty();
            int accessNumber = in.readInt();
            int status = in.readInt();
            Optional<String> identifier = readOptionalString(in);
            OptionalInt mask = in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
            int count = in.readUnsignedShort();
            if (count > MAX_VERSION_PROPERTIES) {
                throw new CorruptEntryException(what + " is corrupt: " + count + " version properties");
            }
            Map<String, String> versions = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                versions.put(in.readUTF(), in.readUTF());
            }
            int keyStatus = in.readUnsignedByte();
            EncryptionKeyStatus[] statuses = EncryptionKeyStatus.values();
            if (keyStatus >= statuses.length) {
                throw new CorruptEntryException(what + " is corrupt: encryption key status " + keyStatus);
            }
            OptionalLong validated = readOptionalLong(in);
            OptionalLong sent = readOptionalLong(in);
            Optional<HourlyValue> hourly = in.readBoolean() ? Optional.of(readHourly(in)) : Optional.empty();
            Optional<HourlyValue> actual = in.available() > 0 && in.readBoolean() ? Optional.of(readHourly(in))
                    : Optional.empty();
            return new ChannelState(channel, binding, device, accessNumber, status, identifier, mask, versions,
                    statuses[keyStatus], validated, sent, hourly, actual);
        });
    }

    private static void writeBinding(DataOutputStream out, Optional<Binding> binding) throws IOException {
        if (binding.isEmpty()) {
            out.writeByte(0);
        } else if (binding.get() instanceof Binding.Wired wired) {
            out.writeByte(1);
            out.writeByte(wired.primaryAddress());
        } else if (binding.get() instanceof Binding.Wireless wireless) {
            out.writeByte(2);
            out.write(wireless.shortId().toHeader());
        } else {
            throw new IllegalArgumentException("unknown binding " + binding.get().getClass().getName());
        }
    }

    private static Optional<Binding> readBinding(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 0:
                return Optional.empty();
            case 1:
                return Optional.of(new Binding.Wired(in.readUnsignedByte()));
            case 2:
                return Optional.of(new Binding.Wireless(readShortId(in)));
            default:
                throw new IllegalArgumentException("binding tag " + tag);
        }
    }

    private static ShortId readShortId(DataInputStream in) throws IOException {
        byte[] header = new byte[ShortId.LENGTH];
        in.readFully(header);
        try {
            return ShortId.fromHeader(header, 0);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("Short ID: " + e.getMessage(), e);
        }
    }

    // ---- hourly value

    static byte[] encodeHourly(HourlyValue value) {
        return Envelope.seal(Envelope.HOURLY_VALUE, write(out -> writeHourly(out, value)));
    }

    static HourlyValue decodeHourly(Channel channel, long key, byte[] entry) {
        String what = channel + " hourly value at " + key + " s";
        HourlyValue value = read(Envelope.open(Envelope.HOURLY_VALUE, entry, what), what, Codec::readHourly);
        if (StoreRules.hourlyKey(value.captureTime()) != key) {
            throw new CorruptEntryException(what + " is corrupt: it holds the value captured at " + value.captureTime());
        }
        return value;
    }

    private static void writeHourly(DataOutputStream out, HourlyValue value) throws IOException {
        writeInstant(out, value.captureTime());
        byte[] unscaled = value.value().unscaledValue().toByteArray();
        if (unscaled.length > 0xFFFF) {
            throw new IllegalArgumentException("an hourly value of " + unscaled.length + " bytes is too large to store");
        }
        out.writeInt(value.value().scale());
        out.writeShort(unscaled.length);
        out.write(unscaled);
        out.writeUTF(value.unit());
        out.writeInt(value.cosemUnit());
        out.writeInt(value.scaler());
        out.writeByte(value.status());
    }

    private static HourlyValue readHourly(DataInputStream in) throws IOException {
        Instant time = readInstant(in);
        int scale = in.readInt();
        int length = in.readUnsignedShort();
        if (length == 0 || length > in.available()) {
            throw new IllegalArgumentException("value of " + length + " bytes");
        }
        byte[] unscaled = new byte[length];
        in.readFully(unscaled);
        BigDecimal value = new BigDecimal(new BigInteger(unscaled), scale);
        return new HourlyValue(time, value, in.readUTF(), in.readInt(), in.readInt(), in.readUnsignedByte());
    }

    // ---- event

    static byte[] encodeEvent(MBusEvent event) {
        return Envelope.seal(Envelope.EVENT, write(out -> {
            writeInstant(out, event.time());
            out.writeByte(event.channel().number());
            out.writeByte(event.kind().offset());
        }));
    }

    static MBusEvent decodeEvent(long position, byte[] entry) {
        String what = "event log entry " + position;
        return read(Envelope.open(Envelope.EVENT, entry, what), what, in -> {
            Instant time = readInstant(in);
            Channel channel = Channel.of(in.readUnsignedByte());
            int offset = in.readUnsignedByte();
            for (MBusEventKind kind : MBusEventKind.values()) {
                if (kind.offset() == offset) {
                    return new MBusEvent(time, channel, kind);
                }
            }
            throw new IllegalArgumentException("event kind offset " + offset);
        });
    }

    // ---- replay floor (issue 15 item 11)

    /** The key of a device's floor: its Short ID's 8 header bytes as one number. */
    static long floorKey(ShortId device) {
        long key = 0;
        for (byte b : device.toHeader()) {
            key = key << 8 | (b & 0xFF);
        }
        return key;
    }

    static byte[] encodeFloor(ReplayFloor floor) {
        return Envelope.seal(Envelope.REPLAY_FLOOR, write(out -> {
            out.write(floor.device().toHeader());
            writeOptionalLong(out, floor.frameCounter());
            out.writeBoolean(floor.lastCapture().isPresent());
            if (floor.lastCapture().isPresent()) {
                writeInstant(out, floor.lastCapture().get());
            }
        }));
    }

    static ReplayFloor decodeFloor(long key, byte[] entry) {
        String what = "replay floor " + Long.toHexString(key);
        ReplayFloor floor = read(Envelope.open(Envelope.REPLAY_FLOOR, entry, what), what, in -> new ReplayFloor(
                readShortId(in), readOptionalLong(in), in.readBoolean() ? Optional.of(readInstant(in)) : Optional.empty()));
        if (floorKey(floor.device()) != key) {
            throw new CorruptEntryException(what + " is corrupt: it holds " + floor.device());
        }
        return floor;
    }

    // ---- primitives

    private static void writeInstant(DataOutputStream out, Instant time) throws IOException {
        out.writeLong(time.getEpochSecond());
        out.writeInt(time.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanoseconds " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeOptionalString(DataOutputStream out, Optional<String> text) throws IOException {
        out.writeBoolean(text.isPresent());
        if (text.isPresent()) {
            out.writeUTF(text.get());
        }
    }

    private static Optional<String> readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private static void writeOptionalLong(DataOutputStream out, OptionalLong value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeLong(value.getAsLong());
        }
    }

    private static OptionalLong readOptionalLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (java.io.UTFDataFormatException e) {
            throw new IllegalArgumentException("a text is too long to store (over 65535 UTF-8 bytes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a payload completely; anything wrong in it (short, bad value, trailing bytes) is a corrupt entry. */
    private static <T> T read(byte[] payload, String what, Reader<T> reader) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        T value;
        try (DataInputStream in = new DataInputStream(bytes)) {
            value = reader.read(in);
        } catch (CorruptEntryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // EOFException, a bad UTF-8 sequence, a value a record refuses (IllegalArgumentException, DateTimeException, …)
            throw new CorruptEntryException(what + " is corrupt: " + describe(e), e);
        }
        if (bytes.available() != 0) {
            throw new CorruptEntryException(what + " is corrupt: " + bytes.available() + " bytes after its end");
        }
        return value;
    }

    private static String describe(Exception e) {
        if (e instanceof java.io.EOFException) {
            return "it ends early";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
