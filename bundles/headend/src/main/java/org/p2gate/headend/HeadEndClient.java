package org.p2gate.headend;

import gurux.dlms.GXDateTime;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.p2gate.headend.HeadEndException.Kind;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A head-end's association with the P2 master's logical device over P3 (DSMR P3 on DLMS/COSEM,
 * P2 4.2.2 Appendix A object model): reads the M-Bus objects of channels 1..4 and the event log,
 * invokes the class 72 methods, binds devices. One association per instance, released by
 * {@link #close()}. Not thread-safe.
 *
 * <p>The management client's invocation counter is read first through a public association
 * (Data 0-0:43.1.0.255, DSMR 5 practice): the gateway accepts only counters above the last it saw.
 */
public final class HeadEndClient implements AutoCloseable {

    /** Data object holding the lowest invocation counter the gateway accepts next (class 1, attribute 2). */
    public static final String INVOCATION_COUNTER = "0.0.43.1.0.255";
    /** The clock (class 8). */
    public static final String CLOCK = "0.0.1.0.0.255";
    /** The M-Bus event log (class 7). */
    public static final String EVENT_LOG = "0.0.99.98.3.255";
    /** The number of M-Bus channels (P2 4.2.2 §1.2: up to four devices). */
    public static final int CHANNELS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(HeadEndClient.class);

    private final DlmsConnection connection;
    private final HeadEndSettings settings;

    private HeadEndClient(DlmsConnection connection, HeadEndSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** Connects and associates; the management client first reads its invocation counter as the public client. */
    public static HeadEndClient connect(HeadEndSettings settings) throws HeadEndException {
        Objects.requireNonNull(settings, "settings");
        long invocationCounter = 0;
        if (settings.role() == ClientRole.MANAGEMENT) {
            invocationCounter = readInvocationCounter(settings.asPublicClient());
        }
        return new HeadEndClient(DlmsConnection.open(settings, invocationCounter), settings);
    }

    /**
     * Connects and associates a management client whose ciphered APDUs take their invocation counters from
     * {@code counter}, shared with the head-end's other associations on the same key (the gateway refuses a
     * counter it has seen, whichever association sent it). Start the counter from {@link #readInvocationCounter}.
     */
    public static HeadEndClient connect(HeadEndSettings settings, InvocationCounter counter) throws HeadEndException {
        if (settings.role() != ClientRole.MANAGEMENT) {
            throw new IllegalArgumentException("only the management client ciphers: the public client has no invocation counter");
        }
        return new HeadEndClient(DlmsConnection.open(settings, counter), settings);
    }

    /** Through a public association: the lowest invocation counter the gateway accepts next. */
    public static long readInvocationCounter(HeadEndSettings publicClient) throws HeadEndException {
        try (DlmsConnection connection = DlmsConnection.open(publicClient, 0)) {
            long counter = Values.number(connection.get(INVOCATION_COUNTER, ObjectType.DATA, 2),
                    "the invocation counter " + INVOCATION_COUNTER);
            LOG.debug("the gateway accepts invocation counters from {}", counter);
            return counter;
        }
    }

    /** The settings this client associated with. */
    public HeadEndSettings settings() {
        return settings;
    }

    /** The invocation counter the next ciphered APDU of this association will carry. */
    public long invocationCounter() {
        return connection.invocationCounter();
    }

    // ---- reads -------------------------------------------------------------------------------

    /** Every attribute of M-Bus Client Setup 0-x:24.1.0.255. */
    public ChannelSetup channelSetup(int channel) throws HeadEndException {
        String ln = Obis.clientSetup(channel);
        Object[] a = new Object[15];
        for (int attribute = 2; attribute <= 14; attribute++) {
            a[attribute] = connection.get(ln, ObjectType.MBUS_CLIENT, attribute);
        }
        String w = "M-Bus Client Setup " + ln + " attribute ";
        return new ChannelSetup(channel, Obis.name(Values.bytes(a[2], w + 2)), captureDefinition(a[3], w + 3),
                Values.number(a[4], w + 4), Values.integer(a[5], w + 5), Values.number(a[6], w + 6),
                Values.integer(a[7], w + 7), Values.integer(a[8], w + 8), Values.integer(a[9], w + 9),
                Values.integer(a[10], w + 10), Values.integer(a[11], w + 11), Values.integer(a[12], w + 12),
                Values.integer(a[13], w + 13), Values.integer(a[14], w + 14));
    }

    /** The device of a channel as the public client may read it (attributes 5..9 and the equipment identifier). */
    public DeviceIdentity identity(int channel) throws HeadEndException {
        String ln = Obis.clientSetup(channel);
        String w = "M-Bus Client Setup " + ln + " attribute ";
        Object[] a = new Object[10];
        for (int attribute = 5; attribute <= 9; attribute++) {
            a[attribute] = connection.get(ln, ObjectType.MBUS_CLIENT, attribute);
        }
        return new DeviceIdentity(channel, Values.integer(a[5], w + 5), Values.number(a[6], w + 6),
                Values.integer(a[7], w + 7), Values.integer(a[8], w + 8), Values.integer(a[9], w + 9),
                equipmentIdentifier(channel));
    }

    // Gurux defect (BUILD-NOTES): GXDLMSMBusClient cannot take a non-empty capture_definition, so it is decoded here
    private static List<CaptureDefinition> captureDefinition(Object value, String what) throws HeadEndException {
        List<CaptureDefinition> out = new ArrayList<>();
        for (Object element : Values.list(value, what)) {
            List<?> pair = Values.structure(element, 2, what);
            out.add(CaptureDefinition.of(Values.bytes(pair.get(0), what), Values.bytes(pair.get(1), what)));
        }
        return out;
    }

    /** The M-Bus master value 0-x:24.2.1.255 with scaler, unit, status and capture time. */
    public MeterValue value(int channel) throws HeadEndException {
        String ln = Obis.value(channel);
        String w = "M-Bus value " + ln + " attribute ";
        long raw = Values.number(connection.get(ln, ObjectType.EXTENDED_REGISTER, 2), w + 2);
        ScalerUnit su = scalerUnit(ln);
        int status = Values.integer(connection.get(ln, ObjectType.EXTENDED_REGISTER, 4), w + 4);
        Optional<Instant> captured = CosemDateTime.decode(Values.bytes(
                connection.get(ln, ObjectType.EXTENDED_REGISTER, 5), w + 5));
        return new MeterValue(channel, su.apply(raw), raw, su.scaler(), su.unit(), CosemUnits.text(su.unit()),
                status, captured);
    }

    private ScalerUnit scalerUnit(String ln) throws HeadEndException {
        String w = "the scaler_unit of " + ln;
        List<?> su = Values.structure(connection.get(ln, ObjectType.EXTENDED_REGISTER, 3), 2, w);
        return new ScalerUnit(Values.integer(su.get(0), w), Values.integer(su.get(1), w) & 0xFF);
    }

    /** Blue Book 4.3.2: value = raw × 10^scaler, exactly. */
    private record ScalerUnit(int scaler, int unit) {
        BigDecimal apply(long raw) {
            return BigDecimal.valueOf(raw).scaleByPowerOfTen(scaler);
        }
    }

    /** The equipment identifier 0-x:96.1.0.255 (17 ASCII characters). */
    public String equipmentIdentifier(int channel) throws HeadEndException {
        String ln = Obis.equipmentIdentifier(channel);
        byte[] text = Values.bytes(connection.get(ln, ObjectType.DATA, 2), "the equipment identifier " + ln);
        return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The gateway's clock 0-0:1.0.0.255 (UTC). */
    public Instant clock() throws HeadEndException {
        return CosemDateTime.decode(Values.bytes(connection.get(CLOCK, ObjectType.CLOCK, 2), "the clock"))
                .orElseThrow(() -> new HeadEndException(Kind.UNEXPECTED_ANSWER, "the gateway's clock is not set"));
    }

    /** Profile 0-x:24.3.0.255 entries whose clock lies in [from, to] (selective access by range, selector 1). */
    public List<ProfileRow> profile(int channel, Instant from, Instant to) throws HeadEndException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        GXDLMSProfileGeneric pg = profileWithColumns(channel);
        Object rows = connection.get(() -> connection.gurux().readRowsByRange(pg, utc(from), utc(to)),
                "the profile " + pg.getLogicalName() + " from " + from + " to " + to);
        return profileRows(channel, rows);
    }

    /**
     * Profile 0-x:24.3.0.255 entries {@code fromEntry..toEntry} (selective access by entry, selector 2;
     * Blue Book 4.3.6: 1-based entry numbers, toEntry 0 = up to the last).
     */
    public List<ProfileRow> profileEntries(int channel, long fromEntry, long toEntry) throws HeadEndException {
        if (fromEntry < 1 || toEntry < 0 || (toEntry != 0 && toEntry < fromEntry) || toEntry > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("entries are numbered from 1: give FROM..TO with 1 <= FROM <= TO"
                    + " (TO 0 = the last), got " + fromEntry + ".." + toEntry);
        }
        GXDLMSProfileGeneric pg = profileWithColumns(channel);
        // GXDLMSClient.readRowsByEntry(pg, index, count) sends from_entry = index and
        // to_entry = index + count - 1 (0 when count is 0): the standard's values, given as a count.
        int count = toEntry == 0 ? 0 : (int) (toEntry - fromEntry + 1);
        Object rows = connection.get(() -> connection.gurux().readRowsByEntry(pg, (int) fromEntry, count),
                "the profile " + pg.getLogicalName() + " entries " + fromEntry + ".." + toEntry);
        return profileRows(channel, rows);
    }

    private GXDLMSProfileGeneric profileWithColumns(int channel) throws HeadEndException {
        String ln = Obis.profile(channel);
        GXDLMSProfileGeneric pg = new GXDLMSProfileGeneric(ln);
        Object columns = connection.get(ln, ObjectType.PROFILE_GENERIC, 3);
        try {
            connection.gurux().updateValue(pg, 3, columns);
        } catch (RuntimeException e) {
            throw new HeadEndException(Kind.UNEXPECTED_ANSWER, "the capture objects of " + ln
                    + " could not be decoded (" + e.getMessage() + ")", e);
        }
        Obis.checkProfileColumns(pg);
        return pg;
    }

    private List<ProfileRow> profileRows(int channel, Object buffer) throws HeadEndException {
        String ln = Obis.profile(channel);
        ScalerUnit su = scalerUnit(Obis.value(channel));
        String unit = CosemUnits.text(su.unit());
        List<ProfileRow> rows = new ArrayList<>();
        for (Object entry : Values.list(buffer, "the buffer of " + ln)) {
            String w = "entry " + (rows.size() + 1) + " of " + ln;
            List<?> row = Values.structure(entry, 4, w);
            Instant clock = CosemDateTime.decode(Values.bytes(row.get(0), w)).orElseThrow(() ->
                    new HeadEndException(Kind.UNEXPECTED_ANSWER, w + " has no clock time"));
            rows.add(new ProfileRow(clock, Values.integer(row.get(1), w), su.apply(Values.number(row.get(2), w)),
                    unit, CosemDateTime.decode(Values.bytes(row.get(3), w))));
        }
        return rows;
    }

    /** Every entry of the M-Bus event log 0-0:99.98.3.255. */
    public List<EventEntry> events() throws HeadEndException {
        List<EventEntry> events = new ArrayList<>();
        for (Object entry : Values.list(connection.get(EVENT_LOG, ObjectType.PROFILE_GENERIC, 2),
                "the M-Bus event log")) {
            String w = "event " + (events.size() + 1) + " of the M-Bus event log";
            List<?> row = Values.structure(entry, 2, w);
            Instant time = CosemDateTime.decode(Values.bytes(row.get(0), w)).orElseThrow(() ->
                    new HeadEndException(Kind.UNEXPECTED_ANSWER, w + " has no time"));
            events.add(EventEntry.of(time, Values.integer(row.get(1), w)));
        }
        return events;
    }

    // ---- class 72 methods (Blue Book 4.8.3; P2 4.2.2 §8) ----------------------------------------

    /** slave_install (method 1): install the device found on this channel. */
    public MethodResult slaveInstall(int channel) throws HeadEndException {
        return invokeWithZero(channel, 1, "slave_install");
    }

    /** slave_deinstall (method 2): forget the device on this channel. */
    public MethodResult slaveDeinstall(int channel) throws HeadEndException {
        return invokeWithZero(channel, 2, "slave_deinstall");
    }

    /** capture (method 3): read the device now. */
    public MethodResult capture(int channel) throws HeadEndException {
        return invokeWithZero(channel, 3, "capture");
    }

    /** reset_alarm (method 4). */
    public MethodResult resetAlarm(int channel) throws HeadEndException {
        return invokeWithZero(channel, 4, "reset_alarm");
    }

    /** synchronize_clock (method 5): set the device's clock from the gateway's. */
    public MethodResult synchronizeClock(int channel) throws HeadEndException {
        return invokeWithZero(channel, 5, "synchronize_clock");
    }

    /** set_encryption_key (method 7): the user key the gateway will use with the device. */
    public MethodResult setEncryptionKey(int channel, AesKey userKey) throws HeadEndException {
        return invoke(channel, 7, "set_encryption_key", userKey.exportBytes(), DataType.OCTET_STRING);
    }

    /** transfer_key (method 8): key_data, the user key wrapped with the device's default key. */
    public MethodResult transferKey(int channel, byte[] keyData) throws HeadEndException {
        if (keyData.length != KeyWrap.LENGTH) {
            throw new IllegalArgumentException("key_data has 16 bytes, got " + keyData.length);
        }
        return invoke(channel, 8, "transfer_key", keyData.clone(), DataType.OCTET_STRING);
    }

    /**
     * A key change as the head-end does it (P2 4.2.2 §6.5.1): key_data = AES-128-ECB(default key,
     * user key), transfer_key(key_data), then, only if that succeeded, set_encryption_key(user key).
     */
    public KeyTransferResult changeKey(int channel, AesKey defaultKey, AesKey userKey) throws HeadEndException {
        MethodResult transfer = transferKey(channel, KeyWrap.wrap(defaultKey, userKey));
        if (!transfer.success()) {
            return new KeyTransferResult(transfer, Optional.empty());
        }
        return new KeyTransferResult(transfer, Optional.of(setEncryptionKey(channel, userKey)));
    }

    private MethodResult invokeWithZero(int channel, int method, String name) throws HeadEndException {
        return invoke(channel, method, name, 0, DataType.INT8);
    }

    private MethodResult invoke(int channel, int method, String name, Object parameter, DataType type)
            throws HeadEndException {
        String ln = Obis.clientSetup(channel);
        DlmsResult result = connection.action(ln, ObjectType.MBUS_CLIENT, method, parameter, type);
        LOG.info("{} on {}: {}", name, ln, result.name());
        return new MethodResult(ln, method, name, result);
    }

    // ---- Image Transfer (Blue Book class 18, 0-0:44.0.0.255) ------------------------------------

    /** The gateway's firmware Image Transfer object. */
    public static final String IMAGE_TRANSFER = "0.0.44.0.0.255";

    /** image_block_size (attribute 2). */
    public long imageBlockSize() throws HeadEndException {
        return Values.number(connection.get(IMAGE_TRANSFER, ObjectType.IMAGE_TRANSFER, 2), "image_block_size");
    }

    /** image_first_not_transferred_block_number (attribute 4). */
    public long imageFirstNotTransferredBlock() throws HeadEndException {
        return Values.number(connection.get(IMAGE_TRANSFER, ObjectType.IMAGE_TRANSFER, 4), "image_first_not_transferred_block_number");
    }

    /** image_transfer_status (attribute 6): 0 not initiated … 3 verification successful, 4 failed, 6 activation successful, 7 failed. */
    public int imageTransferStatus() throws HeadEndException {
        return (int) Values.integer(connection.get(IMAGE_TRANSFER, ObjectType.IMAGE_TRANSFER, 6), "image_transfer_status");
    }

    /** image_transfer_initiate (method 1): {identifier octet-string, size double-long-unsigned}. */
    public MethodResult imageTransferInitiate(byte[] identifier, long size) throws HeadEndException {
        return imageMethod(1, "image_transfer_initiate", structure(octetString(identifier), doubleLongUnsigned(size)));
    }

    /** image_block_transfer (method 2): {block number double-long-unsigned, block value octet-string}. */
    public MethodResult imageBlockTransfer(long number, byte[] block) throws HeadEndException {
        return imageMethod(2, "image_block_transfer", structure(doubleLongUnsigned(number), octetString(block)));
    }

    /** image_verify (method 3). */
    public MethodResult imageVerify() throws HeadEndException {
        return imageMethod(3, "image_verify", new byte[] {(byte) DataType.INT8.getValue(), 0});
    }

    /** image_activate (method 4). */
    public MethodResult imageActivate() throws HeadEndException {
        return imageMethod(4, "image_activate", new byte[] {(byte) DataType.INT8.getValue(), 0});
    }

    /** The parameter goes pre-encoded (A-XDR): Gurux writes a byte[] of a structure type as it is. */
    private MethodResult imageMethod(int method, String name, byte[] encoded) throws HeadEndException {
        DlmsResult result = connection.action(IMAGE_TRANSFER, ObjectType.IMAGE_TRANSFER, method, encoded, DataType.STRUCTURE);
        LOG.debug("{} on {}: {}", name, IMAGE_TRANSFER, result.name());
        return new MethodResult(IMAGE_TRANSFER, method, name, result);
    }

    private static byte[] structure(byte[] first, byte[] second) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(DataType.STRUCTURE.getValue());
        out.write(2);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static byte[] octetString(byte[] value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(DataType.OCTET_STRING.getValue());
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] doubleLongUnsigned(long value) {
        return new byte[] {(byte) DataType.UINT32.getValue(), (byte) (value >>> 24), (byte) (value >>> 16),
                (byte) (value >>> 8), (byte) value};
    }

    // ---- binding (P2 4.2.2 §8.3.1) -------------------------------------------------------------

    /** Wired binding: write primary_address (attribute 5) of a free channel. */
    public void bindPrimaryAddress(int channel, int primaryAddress) throws HeadEndException {
        if (primaryAddress < 1 || primaryAddress > 250) {
            throw new IllegalArgumentException("a wired M-Bus primary address is 1..250 (P2 4.2.2 §4.1), got "
                    + primaryAddress);
        }
        connection.set(Obis.clientSetup(channel), ObjectType.MBUS_CLIENT, 5, primaryAddress, DataType.UINT8);
    }

    /** Wireless binding: write the Short ID into attributes 6, 7, 8, 9 of a free channel. */
    public void bindShortId(int channel, ShortId id) throws HeadEndException {
        String ln = Obis.clientSetup(channel);
        // DSMR practice: identification_number is the 4 BCD bytes read as an unsigned 32-bit number
        connection.set(ln, ObjectType.MBUS_CLIENT, 6, Integer.toUnsignedLong(id.identification()), DataType.UINT32);
        connection.set(ln, ObjectType.MBUS_CLIENT, 7, id.manufacturer().code(), DataType.UINT16);
        connection.set(ln, ObjectType.MBUS_CLIENT, 8, id.version(), DataType.UINT8);
        connection.set(ln, ObjectType.MBUS_CLIENT, 9, id.deviceType().code(), DataType.UINT8);
    }

    private static GXDateTime utc(Instant instant) {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return new GXDateTime(calendar);
    }

    /** Releases the association and closes the connection. */
    @Override
    public void close() {
        connection.close();
    }
}
