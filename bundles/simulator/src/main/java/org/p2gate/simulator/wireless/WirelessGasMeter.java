package org.p2gate.simulator.wireless;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.dsmr.Medium;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.dsmr.MessageRules;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.record.ClockSynchronisation;
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
import org.p2gate.mbus.transport.ShortHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;
import org.p2gate.simulator.wired.HourlyValue;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.ReadoutList;

/**
 * A DSMR P2 4.2.2 wireless gas meter: the meter side of EN 13757-4 mode T2 as P2 asks it.
 *
 * <ul>
 * <li>Installation (§3.2.5, §8.4.2.2 step 4): SND_IR every minute for 60 minutes, then every hour, until a CNF_IR
 *     (ACC copied, §4.4.7) arrives; {@link #pressButton()} restarts the per-minute phase. The SND_IR carries the
 *     equipment identifier in clear while there is no user key.</li>
 * <li>Bound: SND_NR every hour at a random offset inside the 10 minutes after the whole hour (§3.2.5), with the
 *     hourly reading; encrypted in mode 15 with a user key, else CW A000h (§4.4.2).</li>
 * <li>After each transmission the receiver listens from t_RO min to t_RO max after its end (2..3 ms, EN 13757-4 T2).
 *     A valid E-meter frame in that window starts (or continues) the FAC: the next transmission follows the FAC
 *     delay later (P2 §4.4: N = 2..5 s) and answers it (ACK with the copied ACC, RSP_UD), or repeats the meter data
 *     when nothing was heard; at most 6 FAC transmissions, SND_NKE ends it (§4.4, §4.4.1).</li>
 * <li>Access numbers (§4.2.4, §4.4 footnote 3): random start; the synchronous SND_NR count on; each FAC starts with
 *     a new random ACC incremented per asynchronous transmission.</li>
 * <li>Security, key exchange, clock synchronisation, readout list: the wired meter's rules (§5.2, §6.2.1, §6.3,
 *     §6.5): mode 15 with a frame counter it owns; a command is accepted only with a higher frame counter and the
 *     2F 2F fillers; the key transfer (CW 0000h, DIF 07/47 VIF FD VIFE 19) unwrapped with the default key.</li>
 * </ul>
 * Runs on the medium's scheduler; not thread-safe otherwise.
 */
public final class WirelessGasMeter {

    /** EN 13757-4 T2: t_RO, the meter listens from 2 to 3 ms after its frame ends. */
    public static final Duration WINDOW_OPENS = Duration.ofMillis(2);
    public static final Duration WINDOW_CLOSES = Duration.ofMillis(3);
    /** P2 §3.2.5: SND_IR every minute for 60 minutes, then hourly. */
    public static final Duration INSTALLATION_FAST = Duration.ofMinutes(1);
    public static final Duration INSTALLATION_FAST_PHASE = Duration.ofMinutes(60);
    public static final Duration INSTALLATION_SLOW = Duration.ofHours(1);
    /** DSMR main M4.5.7 via P2 §3.2.5: M-Bus transmissions within 10 minutes after the whole hour. */
    public static final Duration HOURLY_WINDOW = Duration.ofMinutes(10);
    /** P2 §4.4: at most 6 meter transmissions in a FAC. */
    public static final int FAC_TRANSMISSIONS = 6;
    /** P2 §6.2.1: more than 60 s deviation sets status bit 5. */
    public static final int STATUS_CLOCK_ERROR = 0x20;

    private static final int CW_B = 0x8000;
    private static final int CW_S = 0x2000;
    private static final int FRAME_COUNTER_RECORD = 7;
    private static final int MAX_ENCRYPTED_RECORDS = 14 * 16 - 4;

    private final Scheduler scheduler;
    private final RadioMedium.Station station;
    private final ShortId id;
    private final MeterProfile profile;
    private final AesKey defaultKey;
    private final String equipmentIdentifier;
    private final Duration facDelay;
    private final SplittableRandom random;

    private AesKey userKey = AesKey.ZERO;
    private long frameCounter;
    private int syncAccess;
    private int asyncAccess;
    private int status;
    private Duration clockOffset = Duration.ZERO;
    private List<ValueInformationBlock> readoutSelection = List.of();

    /** For demos and tests: SND_NR and SND_IR this often instead of DSMR's hourly / per-minute (null: DSMR). */
    private Duration demoInterval;

    private boolean installing;
    private Instant installationStart;
    private int lastInstallationAccess;
    private Scheduler.Scheduled nextInstallation;
    private Scheduler.Scheduled nextHourly;
    private boolean bound;

    private Instant windowOpen = Instant.MIN;
    private Instant windowClose = Instant.MIN;
    private boolean facActive;
    private int facTransmissions;
    private Instant lastTransmissionStart;
    private Reply pendingReply;
    private Scheduler.Scheduled nextFacSlot;

    private long sndIrSent;
    private long sndNrSent;
    private long commandsAccepted;
    private long commandsRejected;
    private long facsStarted;

    private sealed interface Reply permits Ack, Data {
    }

    private record Ack(int accessNumber) implements Reply {
    }

    private record Data() implements Reply {
    }

    private WirelessGasMeter(RadioMedium medium, Scheduler scheduler, ShortId id, MeterProfile profile, AesKey defaultKey,
            Duration facDelay, long seed) {
        this.scheduler = scheduler;
        this.id = id;
        this.profile = profile;
        this.defaultKey = defaultKey;
        this.facDelay = facDelay;
        this.random = new SplittableRandom(seed);
        this.equipmentIdentifier = "XXXXX1101" + id.identificationNumber();
        this.syncAccess = random.nextInt(256); // §4.2.4: random start
        this.frameCounter = random.nextLong(1, 1L << 24); // §5.2: owned by the meter, never reset
        this.station = medium.attach("gas meter " + id, RadioMedium.Role.METER, this::heard);
    }

    /**
     * @param facDelay P2 §4.4 FAC transmission delay N (2, 3, 4 or 5 s)
     */
    public static WirelessGasMeter create(RadioMedium medium, Scheduler scheduler, ShortId id, MeterProfile profile,
            AesKey defaultKey, Duration facDelay, long seed) {
        Objects.requireNonNull(id, "id");
        if (facDelay.compareTo(Duration.ofSeconds(2)) < 0 || facDelay.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("P2 §4.4: the FAC transmission delay is 2..5 s, got " + facDelay);
        }
        return new WirelessGasMeter(medium, scheduler, id, profile, defaultKey, facDelay, seed);
    }

    public RadioMedium.Station station() {
        return station;
    }

    /**
     * For demos and tests only: the meter sends its SND_IR (installing) and its SND_NR (bound) every {@code interval}
     * (at least 10 s more than a full FAC takes is wise) instead of every minute / every hour (P2 §3.2.5 stays the
     * default). Takes effect from the next transmission.
     */
    public void demoInterval(Duration interval) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a transmission interval of at least 1 s, got " + interval);
        }
        this.demoInterval = interval;
    }

    public ShortId shortId() {
        return id;
    }

    /**
     * P2 §8.4.2.2, the main case: the meter is delivered with a user key (the E-meter gets it from the head-end, not
     * from the meter). Call before {@link #startInstallation()}.
     */
    public void deliveredWithUserKey(AesKey key) {
        this.userKey = key;
    }

    // ---- installation

    /** The installer puts the meter into installation mode (§8.4.2.2 step 1): SND_IR now, then every minute. */
    public void startInstallation() {
        installing = true;
        bound = false;
        cancel(nextHourly);
        pressButton();
    }

    /** The push-button: back to sending SND_IR every minute (§3.2.5, §8.4.2.2 step 4). */
    public void pressButton() {
        if (!installing) {
            return;
        }
        installationStart = scheduler.now();
        cancel(nextInstallation);
        nextInstallation = scheduler.execute(this::installationRequest);
    }

    private void installationRequest() {
        if (!installing) {
            return;
        }
        syncAccess = (syncAccess + 1) & 0xFF;
        lastInstallationAccess = syncAccess;
        List<DataRecord> records = userKey.isZero() ? List.of(DsmrRecords.equipmentIdentifier(equipmentIdentifier)) : List.of();
        transmit(LinkFunction.SND_IR, syncAccess, CW_B, records);
        sndIrSent++;
        Duration since = Duration.between(installationStart, scheduler.now());
        Duration next = demoInterval != null ? demoInterval
                : since.compareTo(INSTALLATION_FAST_PHASE.minus(INSTALLATION_FAST)) < 0 ? INSTALLATION_FAST : INSTALLATION_SLOW;
        nextInstallation = scheduler.schedule(next, this::installationRequest);
    }

    // ---- hourly data

    private void scheduleHourly() {
        Instant now = scheduler.now();
        if (demoInterval != null) {
            // demo: the interval, with up to a tenth of it at random (§3.2.5's randomised offset, scaled down)
            long jitter = random.nextLong(Math.max(1, demoInterval.toMillis() / 10));
            nextHourly = scheduler.schedule(demoInterval.plusMillis(jitter), this::regularData);
            return;
        }
        Instant hour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        // §3.2.5: random offset so that the transmission fits the 10 minutes after the whole hour
        long offsetMillis = random.nextLong(1_000, HOURLY_WINDOW.toMillis() - 1_000);
        nextHourly = scheduler.schedule(Duration.between(now, hour.plusMillis(offsetMillis)), this::regularData);
    }

    private void regularData() {
        syncAccess = (syncAccess + 1) & 0xFF;
        sendMeterData(LinkFunction.SND_NR, syncAccess);
        scheduleHourly();
    }

    private void sendMeterData(LinkFunction function, int accessNumber) {
        List<DataRecord> records = readoutSelection.isEmpty() ? defaultRecords() : selectedRecords();
        // §4.2.6: B = 1; S = 1 on SND_NR only
        int cw = CW_B | (function == LinkFunction.SND_NR ? CW_S : 0);
        transmit(function, accessNumber, cw, records);
        if (function == LinkFunction.SND_NR) {
            sndNrSent++;
        }
    }

    // ---- transmitting

    private void transmit(LinkFunction function, int accessNumber, int cwBits, List<DataRecord> records) {
        byte[] recordBytes = DataRecords.encode(records);
        byte[] application;
        ConfigurationWord cw;
        if (!userKey.isZero() && !records.isEmpty()) {
            frameCounter++; // §5.2: +1 per encrypted message sent
            byte[] encrypted = Mode15Cipher.encrypt(userKey, id, frameCounter, fit(recordBytes));
            byte[] counter = DsmrRecords.frameCounter(frameCounter).toBytes();
            application = Arrays.copyOf(encrypted, encrypted.length + counter.length);
            System.arraycopy(counter, 0, application, encrypted.length, counter.length);
            cw = new ConfigurationWord(cwBits | ConfigurationWord.MODE_DSMR_AES_CBC << 8 | (encrypted.length / 16) << 4);
        } else {
            application = recordBytes;
            cw = new ConfigurationWord(cwBits);
        }
        // §4.2.5: status 00h; CI 7Ah (8Ah for the ACK): short header, the meter's address is the link address
        int ci = function == LinkFunction.ACK ? CiField.TRANSPORT_FROM_DEVICE_SHORT.code() : CiField.RESPONSE_SHORT.code();
        byte[] linkData = TransportLayer.of(CiField.of(ci), Optional.of(ShortHeader.of(accessNumber, StatusByte.OK, cw)),
                application.length).encode(application);
        byte[] frame = new WirelessFrame(function.cField(), id, linkData).encodeWithoutCrcs();
        Instant start = scheduler.now();
        lastTransmissionStart = start;
        station.transmit(frame, start).thenAccept(t -> {
            // EN 13757-4 T2: the receiver listens from t_RO min to t_RO max after the frame's end
            windowOpen = t.end().plus(WINDOW_OPENS);
            windowClose = t.end().plus(WINDOW_CLOSES);
        });
    }

    private static byte[] fit(byte[] records) {
        return records.length <= MAX_ENCRYPTED_RECORDS ? records : Arrays.copyOf(records, MAX_ENCRYPTED_RECORDS);
    }

    // ---- receiving

    private void heard(byte[] bytes, int rssi, Instant start, Instant end) {
        if (start.isBefore(windowOpen) || start.isAfter(windowClose)) {
            return; // the receiver was off
        }
        WirelessFrame frame;
        MessageKind kind;
        TransportLayer layer;
        try {
            frame = WirelessFrame.decodeWithoutCrcs(bytes, 0, bytes.length);
            // §4.1: everything Table 6 does not list is rejected
            kind = MessageRules.classify(Medium.WIRELESS, Direction.TO_DEVICE, frame.c().value(), frame.ci());
            layer = TransportLayer.decode(frame.linkData());
        } catch (DecodeException e) {
            return;
        }
        // §3.2.4: the E-meter's link address is ignored; the target is the long header's Short ID
        if (!(layer.header().orElse(null) instanceof LongHeader header) || !header.deviceId().equals(id)) {
            return;
        }
        windowOpen = Instant.MIN; // one frame per window
        switch (kind) {
            case CNF_IR -> {
                if (installing && header.accessNumber() == lastInstallationAccess) {
                    installing = false;
                    bound = true;
                    cancel(nextInstallation);
                    scheduleHourly(); // §8.4.2.2 step 8
                }
            }
            case SND_NKE -> endFac();
            case REQ_UD2 -> facAnswer(new Data());
            case SND_UD_CONTROL, SND_UD_CLOCK_SYNCHRONISATION -> {
                if (command(kind, frame, layer, header)) {
                    commandsAccepted++;
                    facAnswer(new Ack(header.accessNumber()));
                } else {
                    commandsRejected++;
                    facAnswer(null);
                }
            }
            default -> { }
        }
    }

    private void facAnswer(Reply reply) {
        if (!bound) {
            return;
        }
        if (!facActive) {
            facActive = true;
            facTransmissions = 0;
            facsStarted++;
            asyncAccess = random.nextInt(256); // §4.4: the FAC starts with a newly initiated ACC
        }
        pendingReply = reply;
        cancel(nextFacSlot);
        nextFacSlot = scheduler.schedule(Duration.between(scheduler.now(), lastTransmissionStart.plus(facDelay)), this::facSlot);
    }

    private void facSlot() {
        if (!facActive || facTransmissions >= FAC_TRANSMISSIONS) {
            endFac();
            return;
        }
        facTransmissions++;
        Reply reply = pendingReply;
        pendingReply = null;
        if (reply instanceof Ack ack) {
            transmit(LinkFunction.ACK, ack.accessNumber(), CW_B, List.of()); // §4.4.3: ACK, ACC copied, no data
        } else {
            asyncAccess = (asyncAccess + 1) & 0xFF;
            // RSP_UD for REQ_UD2 (§4.4.5); when nothing was heard, the meter data again
            sendMeterData(reply instanceof Data ? LinkFunction.RSP_UD : LinkFunction.SND_NR, asyncAccess);
        }
        if (facTransmissions < FAC_TRANSMISSIONS) {
            nextFacSlot = scheduler.schedule(facDelay, this::facSlot);
        } else {
            nextFacSlot = scheduler.schedule(facDelay, this::endFac);
        }
    }

    private void endFac() {
        facActive = false;
        pendingReply = null;
        cancel(nextFacSlot);
    }

    /** SND_UD CI 5Bh or 6Ch: decrypt or accept in clear as §6.5 allows, then apply. */
    private boolean command(MessageKind kind, WirelessFrame frame, TransportLayer layer, LongHeader header) {
        byte[] message = frame.linkData();
        ConfigurationWord cw = header.configuration();
        int start = layer.dataOffset();
        int end = start + layer.dataLength();
        byte[] plain;
        if (cw.mode() == ConfigurationWord.MODE_NONE) {
            plain = Arrays.copyOfRange(message, start, end);
            Optional<List<DataRecord>> records = records(plain);
            if (records.isEmpty()) {
                return false;
            }
            Optional<byte[]> wrapped = DsmrRecords.encryptedKeyOf(records.get());
            if (kind == MessageKind.SND_UD_CONTROL && wrapped.isPresent()) {
                userKey = KeyWrap.unwrap(defaultKey, wrapped.get()); // §6.5.1, §4.4.6: CW 0000h
                return true;
            }
            if (!userKey.isZero()) {
                return false; // §6.5: with a user key, only the key exchange in clear
            }
        } else if (cw.mode() == ConfigurationWord.MODE_DSMR_AES_CBC && !userKey.isZero()) {
            int encrypted = cw.encryptedLength();
            OptionalLong received = clearFrameCounter(message, start + encrypted, end);
            if (received.isEmpty() || received.getAsLong() <= frameCounter) {
                return false; // §5.2 rule 1
            }
            try {
                plain = Mode15Cipher.decrypt(userKey, id, received.getAsLong(), message, start, encrypted);
            } catch (DecodeException e) {
                return false; // §5.2 rule 3: fillers
            }
            frameCounter = received.getAsLong();
        } else {
            return false;
        }
        if (kind == MessageKind.SND_UD_CLOCK_SYNCHRONISATION) {
            try {
                ClockSynchronisation sync = ClockSynchronisation.decode(plain, 0, Math.min(plain.length, ClockSynchronisation.LENGTH));
                LocalDateTime own = clock();
                if (Duration.between(own, sync.utc()).abs().compareTo(Duration.ofSeconds(60)) > 0) {
                    status |= STATUS_CLOCK_ERROR; // §6.2.1
                }
                clockOffset = Duration.between(LocalDateTime.ofInstant(scheduler.now(), ZoneOffset.UTC), sync.utc());
                return true;
            } catch (DecodeException e) {
                return false;
            }
        }
        Optional<List<DataRecord>> records = records(plain);
        return records.isPresent() && apply(records.get());
    }

    private boolean apply(List<DataRecord> records) {
        List<ValueInformationBlock> selection = new ArrayList<>();
        boolean understood = false;
        for (DataRecord r : records) {
            if (DsmrRecords.isReadoutSelection(r)) {
                selection.add(r.valueInformation()); // §6.3.1
                understood = true;
            } else if (DsmrRecords.isClearStatus(r) && r.value() instanceof RecordValue.Bits mask) {
                status &= ~((int) mask.bits() & DsmrRecords.CLEAR_STATUS_MASK); // §6.2.3
                understood = true;
            } else if (DsmrRecords.isKeyTransfer(r)) {
                understood = true; // handled with its pair
            }
        }
        Optional<byte[]> wrapped = DsmrRecords.encryptedKeyOf(records);
        if (wrapped.isPresent()) {
            userKey = KeyWrap.unwrap(defaultKey, wrapped.get());
        }
        if (!selection.isEmpty()) {
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

    private static OptionalLong clearFrameCounter(byte[] message, int from, int to) {
        if (from > to) {
            return OptionalLong.empty();
        }
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

    // ---- readout (the wired meter's list, §6.3 and Appendix B)

    private List<DataRecord> defaultRecords() {
        LocalDateTime hour = clock().truncatedTo(ChronoUnit.HOURS);
        List<DataRecord> records = new ArrayList<>();
        records.add(DsmrRecords.errorFlags(status));
        records.add(DsmrRecords.equipmentIdentifier(equipmentIdentifier));
        records.add(DsmrRecords.timestamp(hour, true));
        for (HourlyValue value : profile.hourlyValues()) {
            records.add(value.recordAt(hour.toInstant(ZoneOffset.UTC)));
        }
        records.add(DsmrRecords.configurationMask(profile.configurationMask()));
        return records;
    }

    /** §6.3.1 as the wired meter: the selected items, version texts included (§6.4.2). */
    private List<DataRecord> selectedRecords() {
        return ReadoutList.selected(defaultRecords(), ReadoutList.defaultVersions(), readoutSelection);
    }

    private static void cancel(Scheduler.Scheduled task) {
        if (task != null) {
            task.cancel();
        }
    }

    // ---- state, for tests and operators

    public LocalDateTime clock() {
        return LocalDateTime.ofInstant(scheduler.now().plus(clockOffset), ZoneOffset.UTC);
    }

    public boolean isBound() {
        return bound;
    }

    public boolean isInstalling() {
        return installing;
    }

    public boolean hasUserKey() {
        return !userKey.isZero();
    }

    /** Whether the user key is {@code key} (compared without printing it). */
    public boolean usesUserKey(AesKey key) {
        return userKey.equals(key);
    }

    public long frameCounter() {
        return frameCounter;
    }

    public int status() {
        return status;
    }

    public List<ValueInformationBlock> readoutSelection() {
        return readoutSelection;
    }

    public long installationRequestsSent() {
        return sndIrSent;
    }

    public long meterDataSent() {
        return sndNrSent;
    }

    public long commandsAccepted() {
        return commandsAccepted;
    }

    public long commandsRejected() {
        return commandsRejected;
    }

    public long accessCyclesStarted() {
        return facsStarted;
    }

    public boolean inAccessCycle() {
        return facActive;
    }

    @Override
    public String toString() {
        return "DSMR wireless gas meter " + id;
    }
}
