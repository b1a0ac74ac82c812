package org.p2gate.simulator.wired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.dsmr.Medium;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.dsmr.MessageRules;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.SingleCharacter;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.record.ClockSynchronisation;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.Direction;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * A DSMR P2 4.2.2 wired M-Bus device (gas, water, thermal or slave E-meter, as its
 * {@link MeterProfile} says): the behaviour the standard asks of the M-Bus device side.
 *
 * <ul>
 * <li>Addressing: answers its primary address only, 0 until configured (§3.1.3, §6.5.2); addresses
 *     above 250 are ignored (§3.1.3). Set address (CI 51h, DIF 01 VIF 7A) only while no user key is
 *     set (§6.2.2).</li>
 * <li>Messages: only the C/CI pairs of Table 5 (§4.1, through {@link MessageRules}); everything else
 *     gets no answer at all ("no further processing").</li>
 * <li>SND_NKE → E5h and the default readout list (§4.3.1, §6.3.2). REQ_UD2 → RSP_UD C 08h CI 72h with
 *     the long header (§4.3.2): Short ID, access number +1 per answer from a random start (§4.2.4),
 *     status 00h (§4.2.5), configuration word 0 without user key or mode 15 with it (§4.2.6, §5.1).</li>
 * <li>Mode 15 (§5.2): one frame counter, owned by the device, random start, never reset: +1 for each
 *     encrypted message it sends; an encrypted message from the master is accepted only if its counter
 *     is above the last validated one and it decrypts to the 2F 2F fillers, and then becomes the
 *     validated counter. A rejected message gets no answer (§5.2: "If the G-meter does not respond to
 *     the commands of the E-meter, the E-meter shall issue a REQ_UD2").</li>
 * <li>Key exchange (§6.5.1): DIF 07/47 VIF FD VIFE 19 in an unencrypted SND_UD CI 51h, unwrapped with
 *     the default key; an all-zero user key switches encryption off. Once a user key is set, only the
 *     key exchange and REQ_UD2 are accepted unencrypted (§6.5).</li>
 * <li>Commands: readout selection DIF 08h replaces the readout list until SND_NKE (§6.3.1, §6.3.2);
 *     clock synchronisation CI 6Ch (§4.3.4, §6.2.1) sets status bit 5 when the deviation is above 60 s
 *     (§6.2.3); clear status 01 FD 97 06 mask (§6.2.3).</li>
 * </ul>
 *
 * <p>Not thread-safe: the bus segment calls it from one task at a time.
 */
public final class DsmrMeter implements SimulatedWiredDevice {

    /** P2 4.2.2 §3.1.3: primary addresses 1..250 (0 = not configured); higher ones are ignored. */
    public static final int MAX_ADDRESS = 250;
    /** P2 4.2.2 §6.2.3: status bit 5, clock synchronisation error (more than 60 s deviation). */
    public static final int STATUS_CLOCK_ERROR = 0x20;
    /** P2 4.2.2 §6.2.3: status bit 2, power low. */
    public static final int STATUS_POWER_LOW = 0x04;
    /** P2 4.2.2 §6.2.3: status bit 3, permanent error. */
    public static final int STATUS_PERMANENT_ERROR = 0x08;
    /** P2 4.2.2 §6.2.3: status bit 4, temporary error. */
    public static final int STATUS_TEMPORARY_ERROR = 0x10;
    /** P2 4.2.2 §6.2.3: status bit 6, fraud attempt. */
    public static final int STATUS_FRAUD = 0x40;
    /** P2 4.2.2 §6.2.1: "The maximum allowed clock deviation between E-meter and M-Bus device is 60 seconds." */
    public static final Duration MAX_CLOCK_DEVIATION = Duration.ofSeconds(60);

    /** EN 13757-2: a long frame carries at most 252 bytes after CI; the long header takes 12. */
    private static final int MAX_APPLICATION_DATA = LongFrame.MAX_DATA - LongHeader.LENGTH;
    /** The clear frame counter record after the encrypted part: 04 FD 08 + 4 bytes. */
    private static final int FRAME_COUNTER_RECORD_LENGTH = 7;
    /** P2 §5.1: at most 15 encrypted blocks (NNNN), and within the frame. */
    private static final int MAX_ENCRYPTED = Math.min(15 * 16, (MAX_APPLICATION_DATA - FRAME_COUNTER_RECORD_LENGTH) / 16 * 16);
    /** The records fit the encrypted part with the two leading and at least two trailing fillers (§5.1). */
    private static final int MAX_ENCRYPTED_RECORDS = MAX_ENCRYPTED - 4;
    private static final ValueInformationBlock BUS_ADDRESS = ValueInformationBlock.of(0x7A);

    private final ShortId id;
    private final String equipmentIdentifier;
    private final AesKey defaultKey;
    private final MeterProfile profile;
    private final Map<Integer, Map<String, String>> versions;

    private AesKey userKey;
    private int address;
    private int accessNumber;
    private long frameCounter;
    private int status;
    private Duration clockOffset;
    private List<ValueInformationBlock> readoutSelection = List.of();
    private long rejected;

    private DsmrMeter(Builder b) {
        this.id = b.id;
        this.equipmentIdentifier = b.equipmentIdentifier;
        this.defaultKey = b.defaultKey;
        this.profile = b.profile;
        this.versions = b.versions;
        this.userKey = b.userKey;
        this.address = b.address;
        // issue 15 item 16: without a seed (tests give one) every meter draws its own start
        SplittableRandom random = b.seed.isPresent() ? new SplittableRandom(b.seed.getAsLong()) : new SplittableRandom();
        // P2 §4.2.4: the access number starts at a random value, independent for each device
        this.accessNumber = b.accessNumber >= 0 ? b.accessNumber : random.nextInt(256);
        // brief / §5.2: the device owns the frame counter; a random start well below 2^32 (it is never reset)
        this.frameCounter = b.frameCounter >= 0 ? b.frameCounter : random.nextLong(1, 1L << 24);
        this.status = b.status;
        this.clockOffset = b.clockOffset;
    }

    /** A builder for a meter of {@code profile} with Short ID {@code id}. */
    public static Builder builder(MeterProfile profile, ShortId id) {
        return new Builder(profile, id);
    }

    @Override
    public int primaryAddress() {
        return address;
    }

    @Override
    public Optional<byte[]> answer(WiredFrame request, Instant now) {
        Optional<byte[]> answer = handle(request, now);
        if (answer.isEmpty() && !(request instanceof SingleCharacter) && addressedToMe(request)) {
            rejected++;
        }
        return answer;
    }

    private boolean addressedToMe(WiredFrame request) {
        return request instanceof ShortFrame s && s.address() == address
                || request instanceof LongFrame l && l.address() == address;
    }

    private Optional<byte[]> handle(WiredFrame request, Instant now) {
        if (request instanceof ShortFrame s) {
            if (s.address() != address) {
                return Optional.empty();
            }
            MessageKind kind = classify(s.c(), MessageRules.NO_CI);
            if (kind == null) {
                return Optional.empty();
            }
            switch (kind) {
                case SND_NKE:
                    // P2 §4.3.1: E5h; §6.3.2: SND_NKE resets the readout list
                    readoutSelection = List.of();
                    return ack();
                case REQ_UD2:
                    return Optional.of(respond(now));
                case REQ_UD1:
                    // P2 Table 5: time critical data, "not used, but standard": E5h
                    return ack();
                case REQ_SKE:
                    // P2 Table 5: REQ_SKE → RSP_SKE C = xBh (no ACD, no DFC)
                    return Optional.of(new ShortFrame(LinkFunction.RSP_SKE.cField(), address).encode());
                default:
                    return Optional.empty();
            }
        }
        if (request instanceof LongFrame l) {
            if (l.address() != address) {
                return Optional.empty();
            }
            MessageKind kind = classify(l.c(), l.ci());
            if (kind == null) {
                return Optional.empty();
            }
            boolean accepted = switch (kind) {
                case SND_UD_CONTROL -> control(l);
                case SND_UD_CLOCK_SYNCHRONISATION -> clockSynchronisation(l, now);
                case SND_UD_UNENCRYPTED -> unencrypted(l);
                default -> false;
            };
            return accepted ? ack() : Optional.empty();
        }
        return Optional.empty(); // a single character is never a request
    }

    // P2 4.2.2 §4.1: "all combinations of C and CI codes that are not described in this section shall be rejected"
    private static MessageKind classify(CField c, int ci) {
        try {
            return MessageRules.classify(Medium.WIRED, Direction.TO_DEVICE, c.value(), ci);
        } catch (DecodeException e) {
            return null;
        }
    }

    private static Optional<byte[]> ack() {
        return Optional.of(SingleCharacter.ACK.encode());
    }

    // --- SND_UD ---

    /** P2 §4.3.3: CI 5Ah, short header, encrypted (or, without user key, unencrypted) records. */
    private boolean control(LongFrame frame) {
        byte[] message = fromCi(frame);
        Optional<byte[]> plain = open(message);
        if (plain.isEmpty()) {
            return false;
        }
        Optional<List<DataRecord>> records = records(plain.get());
        return records.isPresent() && apply(records.get());
    }

    /** P2 §4.3.4, §6.2.1: CI 6Ch, long header with this device's Short ID, TC 00h and the new UTC time. */
    private boolean clockSynchronisation(LongFrame frame, Instant now) {
        byte[] message = fromCi(frame);
        try {
            TransportLayer layer = TransportLayer.decode(message);
            if (!(layer.header().orElse(null) instanceof LongHeader header) || !header.deviceId().equals(id)) {
                return false; // §4.3.4: the Short ID is the target device's
            }
        } catch (DecodeException e) {
            return false;
        }
        Optional<byte[]> plain = open(message);
        if (plain.isEmpty()) {
            return false;
        }
        ClockSynchronisation sync;
        try {
            sync = ClockSynchronisation.decode(plain.get(), 0, Math.min(plain.get().length, ClockSynchronisation.LENGTH));
        } catch (DecodeException e) {
            return false;
        }
        LocalDateTime own = clock(now);
        // §6.2.1: more than 60 s difference sets the clock synchronisation error; the time is always taken
        if (Duration.between(own, sync.utc()).abs().compareTo(MAX_CLOCK_DEVIATION) > 0) {
            status |= STATUS_CLOCK_ERROR;
        }
        clockOffset = Duration.between(LocalDateTime.ofInstant(now, ZoneOffset.UTC), sync.utc());
        return true;
    }

    /** P2 §4.3.5: CI 51h, no header, unencrypted: set address, set key. */
    private boolean unencrypted(LongFrame frame) {
        Optional<List<DataRecord>> decoded = records(frame.data());
        if (decoded.isEmpty()) {
            return false;
        }
        List<DataRecord> records = decoded.get();
        Optional<byte[]> wrapped = DsmrRecords.encryptedKeyOf(records);
        if (!userKey.isZero()) {
            // §6.5: with a user key set, only the key exchange is accepted unencrypted
            if (wrapped.isEmpty()) {
                return false;
            }
            userKey = KeyWrap.unwrap(defaultKey, wrapped.get());
            return true;
        }
        boolean applied = apply(records);
        if (wrapped.isPresent()) {
            // §6.5.1: decrypt the new user key with the default key; zero means no encryption
            userKey = KeyWrap.unwrap(defaultKey, wrapped.get());
            applied = true;
        }
        return applied;
    }

    /**
     * The application data of a CI 5Ah or 6Ch message, checked and decrypted (P2 §5.1, §5.2): mode 0
     * only without user key (§4.3.4, §6.5); mode 15 only with one, its frame counter above the last
     * validated one, and the 2F 2F fillers after decryption. Empty when rejected.
     */
    private Optional<byte[]> open(byte[] message) {
        TransportLayer layer;
        try {
            layer = TransportLayer.decode(message);
        } catch (DecodeException e) {
            return Optional.empty();
        }
        ConfigurationWord cw = layer.configuration().orElse(ConfigurationWord.NONE);
        int start = layer.dataOffset();
        int end = start + layer.dataLength();
        if (cw.mode() == ConfigurationWord.MODE_NONE) {
            return userKey.isZero() ? Optional.of(Arrays.copyOfRange(message, start, end)) : Optional.empty();
        }
        if (cw.mode() != ConfigurationWord.MODE_DSMR_AES_CBC || userKey.isZero()) {
            return Optional.empty();
        }
        int encrypted = cw.encryptedLength();
        OptionalLong received = clearFrameCounter(message, start + encrypted, end);
        // §5.2 rule 1: the received frame counter must be higher than the previously validated one
        if (received.isEmpty() || received.getAsLong() <= frameCounter) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            // §5.2: "If the M-Bus is the receiver, the information for bytes 0-7 of the IV is derived from the Short ID"
            plain = Mode15Cipher.decrypt(userKey, id, received.getAsLong(), message, start, encrypted);
        } catch (DecodeException e) {
            return Optional.empty(); // §5.2 rule 3: the two filler bytes must be present
        }
        frameCounter = received.getAsLong(); // §5.2: stored as validated frame counter
        return Optional.of(plain);
    }

    private static OptionalLong clearFrameCounter(byte[] message, int from, int to) {
        try {
            for (DataRecord r : DataRecords.decode(message, from, to - from)) {
                OptionalLong fc = DsmrRecords.frameCounterOf(r);
                if (fc.isPresent()) {
                    return fc;
                }
            }
        } catch (DecodeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Applies the commands among {@code records}; true if there was at least one it understood. */
    private boolean apply(List<DataRecord> records) {
        List<ValueInformationBlock> selection = new ArrayList<>();
        boolean understood = false;
        for (DataRecord r : records) {
            if (DsmrRecords.isReadoutSelection(r)) {
                selection.add(r.valueInformation()); // §6.3.1: data field 1000b, selection for readout
                understood = true;
            } else if (DsmrRecords.isClearStatus(r) && r.value() instanceof RecordValue.Bits mask) {
                // §6.2.3: clear the bits of the mask; permanent errors (power low, permanent error) stay
                status &= ~((int) mask.bits() & DsmrRecords.CLEAR_STATUS_MASK);
                understood = true;
            } else if (r.valueInformation().equals(BUS_ADDRESS) && r.dataInformation().dataField() == DataField.INT8) {
                int newAddress = r.data()[0] & 0xFF;
                // §6.2.2: only while the user key is not set
                if (userKey.isZero() && newAddress <= MAX_ADDRESS) {
                    address = newAddress;
                    understood = true;
                }
            }
        }
        if (!selection.isEmpty()) {
            // §6.3.1: the selection of one telegram is the new readout list
            readoutSelection = List.copyOf(selection);
        }
        return understood;
    }

    private static Optional<List<DataRecord>> records(byte[] data) {
        try {
            return Optional.of(DataRecords.decode(data, 0, data.length));
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    private static byte[] fromCi(LongFrame frame) {
        byte[] message = new byte[1 + frame.dataLength()];
        message[0] = (byte) frame.ci();
        frame.copyDataTo(message, 1);
        return message;
    }

    // --- RSP_UD ---

    /** P2 §4.3.2: RSP_UD C 08h CI 72h, long header, the readout list's records. */
    private byte[] respond(Instant now) {
        accessNumber = (accessNumber + 1) & 0xFF; // EN 13757-3 §5.9, P2 §4.2.4: +1 per answer
        List<DataRecord> records = readoutSelection.isEmpty() ? defaultRecords(now) : selectedRecords(now);
        boolean encrypt = !userKey.isZero();
        byte[] recordBytes = DataRecords.encode(fit(records, encrypt ? MAX_ENCRYPTED_RECORDS : MAX_APPLICATION_DATA));
        ConfigurationWord cw;
        byte[] application;
        if (encrypt) {
            // §5.2: +1 for every message sent; the counter record follows the encrypted part in clear
            frameCounter++;
            byte[] encrypted = Mode15Cipher.encrypt(userKey, id, frameCounter, recordBytes);
            byte[] counter = DsmrRecords.frameCounter(frameCounter).toBytes();
            application = Arrays.copyOf(encrypted, encrypted.length + counter.length);
            System.arraycopy(counter, 0, application, encrypted.length, counter.length);
            cw = ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, encrypted.length / 16);
        } else {
            // §4.3.2, §5.1: no user key: configuration word 0, no frame counter
            application = recordBytes;
            cw = ConfigurationWord.NONE;
        }
        // §4.2.5: the status byte in the header is not used: 00h
        LongHeader header = LongHeader.of(id, accessNumber, StatusByte.OK, cw);
        byte[] fromCi = TransportLayer.of(CiField.RESPONSE_LONG, Optional.of(header), application.length).encode(application);
        return new LongFrame(LinkFunction.RSP_UD.cField(), address, CiField.RESPONSE_LONG.code(),
                Arrays.copyOfRange(fromCi, 1, fromCi.length)).encode();
    }

    /** §6.3 and Appendix B1.3: status, equipment identifier, time stamp, hourly values, configuration. */
    private List<DataRecord> defaultRecords(Instant now) {
        LocalDateTime hour = clock(now).truncatedTo(ChronoUnit.HOURS);
        List<DataRecord> records = new ArrayList<>();
        records.add(DsmrRecords.errorFlags(status)); // §6.3.3
        records.add(DsmrRecords.equipmentIdentifier(equipmentIdentifier)); // §6.4.1
        records.add(DsmrRecords.timestamp(hour, true)); // §6.4.3: storage bit, type I, UTC
        for (HourlyValue value : profile.hourlyValues()) {
            records.add(value.recordAt(hour.toInstant(ZoneOffset.UTC))); // §6.1: storage number bit
        }
        records.add(DsmrRecords.configurationMask(profile.configurationMask())); // §6.4.8
        return records;
    }

    /** §6.3.1: the selected items that this device has, in the order selected. */
    private List<DataRecord> selectedRecords(Instant now) {
        return ReadoutList.selected(defaultRecords(now), versions, readoutSelection);
    }

    private static List<DataRecord> fit(List<DataRecord> records, int budget) {
        List<DataRecord> out = new ArrayList<>();
        int used = 0;
        for (DataRecord r : records) {
            if (used + r.length() <= budget) {
                out.add(r);
                used += r.length();
            }
        }
        return out;
    }

    // --- state, for tests and operators ---

    /** The device's own clock (UTC) at {@code now}. */
    public LocalDateTime clock(Instant now) {
        return LocalDateTime.ofInstant(now.plus(clockOffset), ZoneOffset.UTC);
    }

    /** The Short ID (P2 §4.2.2). */
    public ShortId shortId() {
        return id;
    }

    /** The last frame counter sent or validated (P2 §5.2). */
    public long frameCounter() {
        return frameCounter;
    }

    /** The access number of the last RSP_UD (P2 §4.2.4). */
    public int accessNumber() {
        return accessNumber;
    }

    /** The status byte of §6.2.3 / §6.3.3. */
    public int status() {
        return status;
    }

    /** Sets status bits (e.g. power low, fraud) as the meter's own hardware would. */
    public void raiseStatus(int bits) {
        status |= bits & 0x7F; // bit 7 is reserved, 0
    }

    /** What the meter keeps across a power loss ({@link Builder#restore} starts a meter from it). */
    public MeterState state() {
        return new MeterState(address, userKey, accessNumber, frameCounter);
    }

    /** Whether a user key is set (non-zero): answers are encrypted in mode 15. */
    public boolean hasUserKey() {
        return !userKey.isZero();
    }

    /** The current readout selection; empty = the default readout list (§6.3). */
    public List<ValueInformationBlock> readoutSelection() {
        return readoutSelection;
    }

    /** How many requests addressed to this device it did not answer (rejected or ignored). */
    public long rejectedRequests() {
        return rejected;
    }

    @Override
    public String describe() {
        return "DSMR " + profile.name() + " " + id + " at " + address;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builds a {@link DsmrMeter}; keys never appear in its output. */
    public static final class Builder {
        private final MeterProfile profile;
        private final ShortId id;
        private String equipmentIdentifier;
        private AesKey defaultKey = AesKey.ZERO;
        private AesKey userKey = AesKey.ZERO;
        private int address;
        private int accessNumber = -1;
        private long frameCounter = -1;
        private int status;
        private Duration clockOffset = Duration.ZERO;
        private java.util.OptionalLong seed = java.util.OptionalLong.empty();
        private Map<Integer, Map<String, String>> versions = new LinkedHashMap<>();

        private Builder(MeterProfile profile, ShortId id) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.id = Objects.requireNonNull(id, "id");
            // §6.4.1: 5-character meter code (leading spaces), then the serial number; the Short ID holds its last 8 digits
            // as Appendix B: 'XXXXX110123456789' for identification number 23456789
            this.equipmentIdentifier = "XXXXX1101" + id.identificationNumber();
            versions.putAll(ReadoutList.defaultVersions());
        }

        /** P2 §6.4.1: the 17-character equipment identifier. */
        public Builder equipmentIdentifier(String identifier) {
            if (identifier.length() != 17) {
                throw new IllegalArgumentException("the equipment identifier has 17 characters");
            }
            this.equipmentIdentifier = identifier;
            return this;
        }

        /** P2 §6.5: the device's default key, which unwraps every new user key. */
        public Builder defaultKey(AesKey key) {
            this.defaultKey = Objects.requireNonNull(key);
            return this;
        }

        /** A user key already set (as after an earlier installation); zero (the default) = none (§6.5.2). */
        public Builder userKey(AesKey key) {
            this.userKey = Objects.requireNonNull(key);
            return this;
        }

        /** The primary address at start; 0 (the default) = not configured (§6.5.2). */
        public Builder primaryAddress(int address) {
            if (address < 0 || address > MAX_ADDRESS) {
                throw new IllegalArgumentException("primary addresses are 0..250, got " + address);
            }
            this.address = address;
            return this;
        }

        /** The access number before the first answer (default: random, §4.2.4). */
        public Builder accessNumber(int accessNumber) {
            if (accessNumber < 0 || accessNumber > 0xFF) {
                throw new IllegalArgumentException("the access number is one byte");
            }
            this.accessNumber = accessNumber;
            return this;
        }

        /** The frame counter before the first encrypted message (default: random, §5.2). */
        public Builder frameCounter(long counter) {
            if (counter < 0 || counter >= Mode15Cipher.MAX_FRAME_COUNTER) {
                throw new IllegalArgumentException("the frame counter is 0..FFFFFFFEh here");
            }
            this.frameCounter = counter;
            return this;
        }

        /** Status bits at start (§6.2.3). */
        public Builder status(int status) {
            this.status = status & 0x7F;
            return this;
        }

        /** How far the device's clock is ahead of the scheduler's (negative: behind). */
        public Builder clockOffset(Duration offset) {
            this.clockOffset = Objects.requireNonNull(offset);
            return this;
        }

        /**
         * The seed of the random access number and frame counter (P2 §4.2.4: "initialised by a random number which will
         * be independent for each M-Bus device"), for a reproducible run; without one each meter draws its own.
         */
        public Builder seed(long seed) {
            this.seed = java.util.OptionalLong.of(seed);
            return this;
        }

        /** P2 §6.4.2: the properties returned for VIF FD VIFE {@code vife} (0Ch..0Fh). */
        public Builder versionProperties(int vife, Map<String, String> properties) {
            if (vife < 0x0C || vife > 0x0F) {
                throw new IllegalArgumentException("version VIFEs are 0Ch..0Fh");
            }
            versions.put(vife, new LinkedHashMap<>(properties));
            return this;
        }

        /** The state a meter saved before (its address, user key, access number and frame counter). */
        public Builder restore(MeterState state) {
            return primaryAddress(state.primaryAddress()).userKey(state.userKey()).accessNumber(state.accessNumber())
                    .frameCounter(state.frameCounter());
        }

        public DsmrMeter build() {
            return new DsmrMeter(this);
        }
    }
}
