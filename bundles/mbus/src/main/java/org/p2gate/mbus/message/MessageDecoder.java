package org.p2gate.mbus.message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.Departures;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.FixedDataStructure;
import org.p2gate.mbus.record.VariableDataBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.AflMac;
import org.p2gate.mbus.security.KeyDerivation;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.security.Mode5Cipher;
import org.p2gate.mbus.security.Mode7Cipher;
import org.p2gate.mbus.transport.AuthenticationFragmentationLayer;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportHeader;
import org.p2gate.mbus.transport.TransportLayer;
import org.p2gate.mbus.wire.Hex;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * Decodes whole M-Bus messages: frame, transport layer, decryption, data records.
 *
 * <p>Offsets in a {@link DecodeException} count from the first byte given; in a wireless frame
 * they count the bytes without block CRCs (L is byte 0, the first CI byte 10).
 *
 * <p>Stateless and thread-safe; frame counters are not checked here (that is the master's rule,
 * P2 4.2.2 §5.2), only used to decrypt.
 */
public final class MessageDecoder {

    /** In a wired long frame the CI is byte 6: 68 L L 68 C A CI. */
    private static final int WIRED_CI_OFFSET = LongFrame.DATA_OFFSET - 1;
    /** In a wireless frame without CRCs the CI is byte 10: L C M M A A A A A A CI. */
    private static final int WIRELESS_CI_OFFSET = WirelessFrame.LINK_DATA_OFFSET;

    /** EN 13757-3: the CI of an application-error telegram from a device. */
    private static final int APPLICATION_ERROR = 0x70;

    private final KeyLookup keys;
    private final boolean lenient;

    /** A strict decoder: every departure from the standard is a {@link DecodeException} (the DSMR master's). */
    public MessageDecoder(KeyLookup keys) {
        this(keys, false);
    }

    private MessageDecoder(KeyLookup keys, boolean lenient) {
        this.keys = keys;
        this.lenient = lenient;
    }

    /**
     * A decoder that reads past the departures real meters make ({@link Departure.Kind}) and lists them in
     * {@link Message#departures()}; for tools and labs, not for the DSMR master.
     */
    public static MessageDecoder lenient(KeyLookup keys) {
        return new MessageDecoder(keys, true);
    }

    private Departures departures() {
        return lenient ? Departures.lenient() : Departures.strict();
    }

    /**
     * Decodes one frame, telling wired from wireless by its first byte (10h, 68h, E5h are wired;
     * a wireless frame is tried as format A, then B, then without CRCs).
     */
    public Message decode(byte[] bytes) throws DecodeException {
        if (bytes.length == 0) {
            throw new DecodeException(Reason.TRUNCATED, 0, "no bytes to decode");
        }
        int first = bytes[0] & 0xFF;
        if (first == WiredFrame.LONG_START || first == WiredFrame.SHORT_START || first == WiredFrame.SINGLE_CHARACTER) {
            return decodeWired(bytes, 0, bytes.length);
        }
        return decodeWireless(bytes, 0, bytes.length);
    }

    /** Decodes exactly one wired frame. */
    public Message decodeWired(byte[] bytes, int offset, int length) throws DecodeException {
        WiredFrame frame = WiredFrame.decode(bytes, offset, length);
        Link link = new Link.Wired(frame);
        if (!(frame instanceof LongFrame longFrame)) {
            return new Message(link, Optional.empty(), Optional.empty(), Security.NONE, new byte[0], EMPTY_BLOCK,
                    OptionalInt.empty());
        }
        int ci = offset + WIRED_CI_OFFSET;
        if (lenient && FixedDataStructure.isFixedDataCi(longFrame.ci())
                && longFrame.dataLength() == FixedDataStructure.LENGTH) {
            return fixedData(link, longFrame, bytes, ci, offset);
        }
        // the transport layer starts at the CI, in place in the caller's bytes
        return decodeFromCi(link, bytes, ci, 1 + longFrame.dataLength(), ci, Optional.empty(), departures());
    }

    /**
     * EN 13757-3:2004 §6.2: CI 73h/77h, the fixed data structure in place of header and records; read only
     * leniently (EN 13757-3:2013 makes 73h a compact frame with a long header, which the strict decoder follows).
     */
    private static Message fixedData(Link link, LongFrame frame, byte[] bytes, int ci, int offset) throws DecodeException {
        FixedDataStructure fixed;
        try {
            fixed = FixedDataStructure.decode(frame.ci(), bytes, ci + 1, frame.dataLength());
        } catch (DecodeException e) {
            throw e.shifted(-offset);
        }
        Departure departure = new Departure(Departure.Kind.FIXED_DATA_STRUCTURE, ci - offset, "CI "
                + Hex.byteHex(frame.ci()) + "h read as the fixed data structure of EN 13757-3:2004 (EN 1434-3), "
                + (frame.ci() == FixedDataStructure.CI_LSB_FIRST ? "least" : "most") + " significant byte first");
        return new Message(link, Optional.empty(), Optional.empty(), Security.NONE,
                java.util.Arrays.copyOfRange(bytes, ci + 1, ci + 1 + frame.dataLength()), EMPTY_BLOCK, OptionalInt.empty(),
                Optional.of(fixed), List.of(departure));
    }

    /**
     * Decodes one wireless frame: format A, format B, or without CRCs, whichever framing its bytes fit (the
     * block CRCs check, or the L-field counts the bytes). A defect inside is reported for the framing that fit.
     */
    public Message decodeWireless(byte[] bytes, int offset, int length) throws DecodeException {
        DecodeException formatA = null;
        for (var format : WIRELESS_FORMATS) {
            WirelessFrame frame;
            try {
                frame = frame(bytes, offset, length, format);
            } catch (DecodeException e) {
                if (formatA == null) {
                    formatA = e;
                }
                continue;
            }
            return decodeWireless(frame, format); // framed right: what is wrong inside is this framing's error
        }
        throw formatA; // none fits: say why format A, the usual one, did not
    }

    private static WirelessFrame frame(byte[] bytes, int offset, int length, Optional<WirelessFrameFormat> format)
            throws DecodeException {
        return format.isPresent()
                ? WirelessFrame.decode(bytes, offset, length, format.get())
                : WirelessFrame.decodeWithoutCrcs(bytes, offset, length);
    }

    /** Format A, format B, then the bytes taken as without CRCs. */
    private static final List<Optional<WirelessFrameFormat>> WIRELESS_FORMATS =
            List.of(Optional.of(WirelessFrameFormat.A), Optional.of(WirelessFrameFormat.B), Optional.empty());

    /** Decodes one wireless frame of a known format (empty: the bytes carry no CRCs). */
    public Message decodeWireless(byte[] bytes, int offset, int length, Optional<WirelessFrameFormat> format)
            throws DecodeException {
        return decodeWireless(frame(bytes, offset, length, format), format);
    }

    private Message decodeWireless(WirelessFrame frame, Optional<WirelessFrameFormat> format) throws DecodeException {
        byte[] linkData = frame.linkData();
        return decodeFromCi(new Link.Wireless(frame, format), linkData, 0, linkData.length, WIRELESS_CI_OFFSET,
                Optional.of(frame.address()), departures());
    }

    /**
     * @param ci        index of the first CI in {@code bytes}
     * @param length    bytes from the CI to the end of the data
     * @param reportAt  the position of that CI in the frame as the caller sees it (for error offsets)
     * @param sender    the wireless link-layer address, if any
     */
    private Message decodeFromCi(Link link, byte[] bytes, int ci, int length, int reportAt, Optional<ShortId> sender,
            Departures departures) throws DecodeException {
        TransportLayer transport;
        try {
            Departures part = departures.forPart();
            transport = TransportLayer.decode(bytes, ci, length, part);
            departures.addShifted(part, reportAt);
        } catch (DecodeException e) {
            throw e.shifted(reportAt);
        }
        TransportHeader header = transport.header().orElse(null); // within this method only
        // the meter: the long header's Short ID, else the wireless sender's; null (here only) when neither
        ShortId device = header instanceof LongHeader longHeader ? longHeader.deviceId() : sender.orElse(null);
        ConfigurationWord cw = header != null ? header.configuration() : ConfigurationWord.NONE;
        int dataStart = ci + transport.dataOffset();
        int dataReport = reportAt + transport.dataOffset();
        int ciCode = transport.ci().isPresent() ? transport.ci().get().code() : -1;
        boolean records = carriesRecords(ciCode);

        if (ciCode == APPLICATION_ERROR) {
            // EN 13757-3: CI 70h carries an application error code instead of records
            OptionalInt code = transport.dataLength() > 0 ? OptionalInt.of(bytes[dataStart] & 0xFF) : OptionalInt.empty();
            return new Message(link, transport, device, Security.NONE,
                    java.util.Arrays.copyOfRange(bytes, dataStart, dataStart + transport.dataLength()), EMPTY_BLOCK, code,
                    Optional.empty(), List.of());
        }
        if (!cw.isEncrypted() || cw.mode() >= ConfigurationWord.FIRST_RESERVED_MODE) {
            // modes 16..31 are reserved: older meters send an EN 1434 "signature" here, with clear data
            // one copy of the data: the message's application data, which the records view
            byte[] plainData = java.util.Arrays.copyOfRange(bytes, dataStart, dataStart + transport.dataLength());
            VariableDataBlock block = records ? ownedRecords(plainData, dataReport, departures) : EMPTY_BLOCK;
            // a reserved mode (an EN 1434-3 signature) is reported as mode 0: the data was read as unencrypted
            int mode = cw.mode() >= ConfigurationWord.FIRST_RESERVED_MODE && departures.isLenient() ? ConfigurationWord.MODE_NONE : cw.mode();
            Security security = mode == ConfigurationWord.MODE_NONE ? Security.NONE : new Security(mode, 0, OptionalLong.empty());
            return new Message(link, transport, device, security,
                    plainData, block, OptionalInt.empty(), Optional.empty(), departures.list());
        }
        int mode = cw.mode();
        if (mode != ConfigurationWord.MODE_DSMR_AES_CBC && mode != ConfigurationWord.MODE_AES_CBC_IV
                && mode != ConfigurationWord.MODE_AES_CBC_KDF) {
            throw new DecodeException(Reason.UNSUPPORTED, reportAt,
                    "security mode " + mode + " is not supported (0, 5, 7 and 15 are)");
        }
        int encrypted = cw.encryptedLength();
        if (device == null) {
            throw new DecodeException(Reason.BAD_HEADER, reportAt,
                    "an encrypted message needs the meter's Short ID (long header or wireless address) for its IV");
        }
        ShortId id = device;
        Optional<AesKey> found = keys.keyFor(id);
        if (found.isEmpty()) {
            throw new DecodeException(Reason.NO_KEY, dataReport, "the message is encrypted (mode " + mode + ", "
                    + cw.encryptedBlocks() + " blocks) and there is no key for " + id);
        }
        AesKey key = found.get();
        int clearStart = dataStart + encrypted;
        int clearLength = transport.dataLength() - encrypted;
        byte[] plain;
        OptionalLong counter;
        try {
            if (mode == ConfigurationWord.MODE_DSMR_AES_CBC) {
                // P2 4.2.2 §5.2: the frame counter record (04 FD 08) follows the encrypted part in clear
                long fc = frameCounter(bytes, clearStart, clearLength, dataReport + encrypted);
                plain = Mode15Cipher.decrypt(key, id, fc, bytes, dataStart, encrypted);
                counter = OptionalLong.of(fc);
            } else if (mode == ConfigurationWord.MODE_AES_CBC_IV) {
                int access = header != null ? header.accessNumber() : 0;
                plain = Mode5Cipher.decrypt(key, id, access, bytes, dataStart, encrypted);
                counter = OptionalLong.empty();
            } else {
                long mcr = verifyMode7Mac(transport, key, id, bytes, dataStart, transport.dataLength(), reportAt);
                AesKey kenc = KeyDerivation.derive(key, KeyDerivation.Constant.KENC, mcr, id.identification());
                plain = Mode7Cipher.decrypt(kenc, bytes, dataStart, encrypted);
                counter = OptionalLong.of(mcr);
            }
        } catch (DecodeException e) {
            if (e.reason() == Reason.BAD_RECORD || e.reason() == Reason.BAD_MAC) {
                throw e; // already placed in the frame
            }
            throw new DecodeException(e.reason(), dataReport, e.getMessage(), e);
        }
        // the decrypted part (ending in 2Fh fillers) and the clear part read as one block, at their frame offsets
        byte[] applicationData = new byte[plain.length + clearLength];
        System.arraycopy(plain, 0, applicationData, 0, plain.length);
        System.arraycopy(bytes, clearStart, applicationData, plain.length, clearLength);
        Departures whole = departures.forPart();
        VariableDataBlock block = records ? ownedRecords(applicationData, dataReport, whole) : EMPTY_BLOCK;
        int manufacturerStart = applicationData.length - block.manufacturerData().length - 1;
        int undecodedStart = applicationData.length - block.undecoded().length;
        if (clearLength > 0 && (block.hasManufacturerData() && manufacturerStart < plain.length
                || block.undecoded().length > 0 && undecodedStart < plain.length)) {
            // a DIF 0Fh/1Fh (or, leniently, a defect) in the encrypted part ends that part's records only: the
            // clear records still count
            block = join(records(plain, 0, plain.length, dataReport, departures),
                    records(bytes, clearStart, clearLength, dataReport + plain.length, departures));
        } else {
            departures.addShifted(whole, 0);
        }
        return new Message(link, transport, device, new Security(mode, cw.encryptedBlocks(), counter),
                applicationData, block, OptionalInt.empty(), Optional.empty(), departures.list());
    }

    /** OMS mode 7: the AFL carries the message counter and a CMAC over MCL, MCR and the TPL. */
    private static long verifyMode7Mac(TransportLayer transport, AesKey key, ShortId id, byte[] bytes,
            int dataStart, int dataLength, int reportAt) throws DecodeException {
        AuthenticationFragmentationLayer afl = transport.afl().orElseThrow(() -> new DecodeException(Reason.BAD_HEADER,
                reportAt, "a mode-7 message needs an AFL (CI 90h) with a message counter and a MAC"));
        if (afl.messageCounter().isEmpty() || afl.messageControl().isEmpty() || afl.mac().length != AflMac.LENGTH) {
            throw new DecodeException(Reason.UNSUPPORTED, reportAt,
                    "the AFL of a mode-7 message needs MCL, MCR and an 8-byte MAC");
        }
        long mcr = afl.messageCounter().getAsLong();
        AesKey kmac = KeyDerivation.derive(key, KeyDerivation.Constant.KMAC, mcr, id.identification());
        int tpl = dataStart - transport.header().map(TransportHeader::length).orElse(0) - 1;
        byte[] mac = AflMac.compute(kmac, afl.messageControl().getAsInt(), mcr, bytes, tpl, dataStart + dataLength - tpl);
        try {
            AflMac.verify(mac, afl.mac(), 0);
        } catch (DecodeException e) {
            throw e.shifted(reportAt);
        }
        return mcr;
    }

    /** Whether a CI's application data is a variable data block of DIF/VIF records (EN 13757-3, P2 Tables 5/6). */
    static boolean carriesRecords(int ci) {
        return switch (ci) {
            case 0x51, 0x5A, 0x5B, 0x72, 0x78, 0x7A -> true;
            default -> false;
        };
    }

    /**
     * P2 4.2.2 §5.2: the frame counter, from the first frame counter record (04 FD 08) among the
     * records sent in clear; normally the first of them, read in place.
     */
    private static long frameCounter(byte[] bytes, int offset, int length, int reportAt) throws DecodeException {
        if (length >= FRAME_COUNTER_RECORD.length + Integer.BYTES && bytes[offset] == FRAME_COUNTER_RECORD[0]
                && bytes[offset + 1] == FRAME_COUNTER_RECORD[1] && bytes[offset + 2] == FRAME_COUNTER_RECORD[2]) {
            return LittleEndian.readU32(bytes, offset + FRAME_COUNTER_RECORD.length);
        }
        for (DataRecord record : records(bytes, offset, length, reportAt).records()) {
            OptionalLong fc = DsmrRecords.frameCounterOf(record);
            if (fc.isPresent()) {
                return fc.getAsLong();
            }
        }
        throw new DecodeException(Reason.BAD_RECORD, reportAt,
                "a mode-15 message needs the frame counter record (04 FD 08) after its encrypted part");
    }

    /** The frame counter record's DIB and VIB (04 FD 08, P2 4.2.2 §5.2), as DsmrRecords makes the record. */
    private static final byte[] FRAME_COUNTER_RECORD = frameCounterHead();

    private static byte[] frameCounterHead() {
        DataRecord record = DsmrRecords.frameCounter(0);
        return java.util.Arrays.copyOf(record.toBytes(), record.length() - record.data().length);
    }

    private static VariableDataBlock records(byte[] bytes, int offset, int length, int reportAt) throws DecodeException {
        return records(bytes, offset, length, reportAt, Departures.strict());
    }

    /** The block's departures are counted from {@code reportAt}, as its exceptions are. */
    private static VariableDataBlock records(byte[] bytes, int offset, int length, int reportAt, Departures departures)
            throws DecodeException {
        try {
            Departures part = departures.forPart();
            VariableDataBlock block = DataRecords.decodeBlock(bytes, offset, length, part);
            departures.addShifted(part, reportAt);
            return block;
        } catch (DecodeException e) {
            throw e.shifted(reportAt);
        }
    }

    /** The records of all of {@code owned}, an array nobody else holds, which they view. */
    private static VariableDataBlock ownedRecords(byte[] owned, int reportAt, Departures departures)
            throws DecodeException {
        try {
            Departures part = departures.forPart();
            VariableDataBlock block = DataRecords.decodeOwnedBlock(owned, 0, owned.length, part);
            departures.addShifted(part, reportAt);
            return block;
        } catch (DecodeException e) {
            throw e.shifted(reportAt);
        }
    }

    /** The encrypted part's records, then the clear part's; the undecoded bytes of both, in that order. */
    private static VariableDataBlock join(VariableDataBlock decrypted, VariableDataBlock clear) {
        List<DataRecord> records = new java.util.ArrayList<>(decrypted.records());
        records.addAll(clear.records());
        byte[] undecoded = decrypted.undecoded();
        if (clear.undecoded().length > 0) {
            byte[] both = java.util.Arrays.copyOf(undecoded, undecoded.length + clear.undecoded().length);
            System.arraycopy(clear.undecoded(), 0, both, undecoded.length, clear.undecoded().length);
            undecoded = both;
        }
        boolean manufacturer = decrypted.hasManufacturerData() && undecoded.length == 0;
        return new VariableDataBlock(records, manufacturer, manufacturer && decrypted.moreRecordsFollow(),
                manufacturer ? decrypted.manufacturerData() : new byte[0],
                decrypted.globalReadoutRequest() || clear.globalReadoutRequest(), undecoded);
    }

    private static final VariableDataBlock EMPTY_BLOCK = new VariableDataBlock(List.of(), false, false, new byte[0], false);
}
