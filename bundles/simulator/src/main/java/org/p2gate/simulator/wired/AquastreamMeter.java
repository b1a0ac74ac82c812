package org.p2gate.simulator.wired;

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
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.SingleCharacter;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.FunctionField;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * The INTEGRA aquastream® M-Bus water meter module (specs/000_…, chapter 2): a plain EN 13757
 * device, not a DSMR one (no encryption, no Table 5 whitelist).
 *
 * <ul>
 * <li>Addressing (§2.3, §2.4): primary 0..250; 254 point-to-point (answers whatever its primary
 *     address); 255 broadcast (executes, never answers); 253 secondary after a slave select (CI 52h,
 *     IDENT MAN DEV MED with wildcards: F nibbles in IDENT, FFFFh MAN, FFh DEV/MED), ended by
 *     SND_NKE or a select that does not match.</li>
 * <li>REQ_UD2 → RSP_UD CI 72h (§2.5.2): identification = secondary address, else the water meter's
 *     production number, else the module's; DEV 07h on a meter, 0Eh without; STS = the error flags
 *     (§2.6); "signature" 0000h in the configuration word place; the records of the §2.5.2 table.</li>
 * <li>SND_UD CI 51h, one parameter per telegram (§2.7.1..§2.7.7): date/time (04 6D type F), primary
 *     address (01 7A), secondary address (0C 79 BCD), customer text (0D FD 11), standard telegram
 *     (08 7E) → E5h. CI 50h application reset (§2.7.8) → E5h. CI B8h/BBh/BDh (§2.7.6): E5h at the old
 *     baud rate, then 300/2400/9600 Bd.</li>
 * </ul>
 */
public final class AquastreamMeter implements SimulatedWiredDevice {

    /** aquastream §1: manufacturer code B425h (decodes to "MAE" with bit 15 set, see test-support/VECTORS.md). */
    public static final ManufacturerCode INTEGRA = new ManufacturerCode(0xB425);
    /** aquastream §1: device version 05h. */
    public static final int VERSION = 0x05;
    /** aquastream §2.6: error flag bits. */
    public static final int LOW_BATTERY = 0x04;
    public static final int TAMPER = 0x10;
    public static final int LEAKAGE = 0x20;
    public static final int BURST = 0x40;

    private static final int SECONDARY = 253;
    private static final int POINT_TO_POINT = 254;
    private static final int BROADCAST = 255;
    private static final int SLAVE_SELECT = 0x52;
    private static final int APPLICATION_RESET = 0x50;
    private static final DeviceType BUS_COMPONENT = new DeviceType(0x0E);
    private static final ValueInformationBlock VOLUME = ValueInformationBlock.of(0x13);
    private static final ValueInformationBlock FLOW = ValueInformationBlock.of(0x3B);
    private static final ValueInformationBlock TIME = ValueInformationBlock.of(0x6D);
    private static final ValueInformationBlock FABRICATION = ValueInformationBlock.of(0x78);
    private static final ValueInformationBlock ADDRESS = ValueInformationBlock.of(0x7A);
    private static final ValueInformationBlock SECONDARY_ADDRESS = ValueInformationBlock.of(0x79);
    private static final ValueInformationBlock STANDARD_TELEGRAM = ValueInformationBlock.of(0x7E);
    private static final ValueInformationBlock CUSTOMER_TEXT = ValueInformationBlock.of(0xFD, 0x11);
    private static final ValueInformationBlock FIRMWARE = ValueInformationBlock.of(0xFD, 0x0E);
    private static final ValueInformationBlock HARDWARE = ValueInformationBlock.of(0xFD, 0x0D);
    private static final ValueInformationBlock INFO_STATUS = ValueInformationBlock.of(0xFD, 0x17);
    private static final ValueInformationBlock BATTERY_DAYS = ValueInformationBlock.of(0xFD, 0x74);

    private final long moduleNumber;
    private final long meterNumber;
    private final Register volume;
    private final Register reverseVolume;
    private int address;
    private long secondaryAddress;
    private String customerText = "";
    private int baud = 2400;
    private boolean selected;
    private int accessNumber;
    private int errorFlags;
    private long flow;
    private long flowMax;
    private int batteryDays = 3650;
    private Duration clockOffset = Duration.ZERO;

    /**
     * @param moduleNumber  the module's fabrication number (8 digits)
     * @param meterNumber   the PMK water meter's production number, 0 if the module is on none
     * @param volume        the net volume register in litres
     * @param reverseVolume the reverse volume register in litres
     */
    public AquastreamMeter(long moduleNumber, long meterNumber, Register volume, Register reverseVolume) {
        checkDigits(moduleNumber);
        checkDigits(meterNumber);
        this.moduleNumber = moduleNumber;
        this.meterNumber = meterNumber;
        this.volume = Objects.requireNonNull(volume);
        this.reverseVolume = Objects.requireNonNull(reverseVolume);
    }

    @Override
    public int primaryAddress() {
        return address;
    }

    @Override
    public int baud() {
        return baud;
    }

    /** Whether it is selected for secondary addressing (§2.4.4). */
    public boolean isSelected() {
        return selected;
    }

    public long secondaryAddress() {
        return secondaryAddress;
    }

    public String customerText() {
        return customerText;
    }

    public int errorFlags() {
        return errorFlags;
    }

    /** Sets error flags (§2.6: low battery, tamper, leakage, burst), as the meter's sensors would. */
    public void raiseErrorFlags(int flags) {
        errorFlags |= flags & (LOW_BATTERY | TAMPER | LEAKAGE | BURST);
    }

    /** The current and the maximum flow in l/h. */
    public void setFlow(long litresPerHour) {
        flow = litresPerHour;
        flowMax = Math.max(flowMax, litresPerHour);
    }

    /** The device's clock at {@code now}. */
    public LocalDateTime clock(Instant now) {
        return LocalDateTime.ofInstant(now.plus(clockOffset), ZoneOffset.UTC);
    }

    @Override
    public Optional<byte[]> answer(WiredFrame request, Instant now) {
        if (request instanceof ShortFrame s) {
            if (!forMe(s.address())) {
                return Optional.empty();
            }
            if (s.c().is(LinkFunction.SND_NKE)) {
                selected = false; // §2.4.4: deselection by SND_NKE
                return reply(s.address(), ack());
            }
            if (s.c().is(LinkFunction.REQ_UD2)) {
                return reply(s.address(), respond(s.address() == SECONDARY ? SECONDARY : address, now));
            }
            return Optional.empty();
        }
        if (!(request instanceof LongFrame l) || !l.c().is(LinkFunction.SND_UD)) {
            return Optional.empty();
        }
        if (l.ci() == SLAVE_SELECT && l.address() == SECONDARY) {
            selected = matches(l);
            return selected ? ack() : Optional.empty();
        }
        if (!forMe(l.address())) {
            return Optional.empty();
        }
        if (l.ci() == APPLICATION_RESET && l.isControlFrame()) {
            return reply(l.address(), ack()); // §2.7.8: activates the standard telegram (the only one)
        }
        if (l.ci() >= 0xB8 && l.ci() <= 0xBD && l.isControlFrame()) {
            int newBaud = switch (l.ci()) {
                case 0xB8 -> 300;
                case 0xBB -> 2400;
                case 0xBD -> 9600;
                default -> 0;
            };
            if (newBaud == 0) {
                return Optional.empty();
            }
            Optional<byte[]> answer = reply(l.address(), ack()); // §2.7.6: ACK at the old rate, then switch
            baud = newBaud;
            return answer;
        }
        if (l.ci() == 0x51 && configure(l.data(), now)) {
            return reply(l.address(), ack());
        }
        return Optional.empty();
    }

    private boolean forMe(int a) {
        return a == address || a == POINT_TO_POINT || a == BROADCAST || a == SECONDARY && selected;
    }

    // §2.4.3: broadcast commands are executed without an answer
    private static Optional<byte[]> reply(int requestAddress, Optional<byte[]> answer) {
        return requestAddress == BROADCAST ? Optional.empty() : answer;
    }

    private static Optional<byte[]> reply(int requestAddress, byte[] answer) {
        return reply(requestAddress, Optional.of(answer));
    }

    private static Optional<byte[]> ack() {
        return Optional.of(SingleCharacter.ACK.encode());
    }

    /** §2.4.4.1: IDENT (F nibbles are wildcards), MAN (FFFFh), DEV (FFh), MED (FFh). */
    private boolean matches(LongFrame select) {
        if (select.dataLength() != ShortId.LENGTH) {
            return false;
        }
        ShortId mine = shortId();
        byte[] d = select.data();
        long ident = (d[0] & 0xFFL) | (d[1] & 0xFFL) << 8 | (d[2] & 0xFFL) << 16 | (d[3] & 0xFFL) << 24;
        for (int shift = 0; shift < 32; shift += 4) {
            long nibble = (ident >>> shift) & 0xF;
            if (nibble != 0xF && nibble != ((mine.identification() >>> shift) & 0xF)) {
                return false;
            }
        }
        int man = (d[4] & 0xFF) | (d[5] & 0xFF) << 8;
        int dev = d[6] & 0xFF;
        int med = d[7] & 0xFF;
        return (man == 0xFFFF || man == mine.manufacturer().code()) && (dev == 0xFF || dev == mine.version())
                && (med == 0xFF || med == mine.deviceType().code());
    }

    /** §2.7.1: one parameter per telegram. */
    private boolean configure(byte[] data, Instant now) {
        List<DataRecord> records;
        try {
            records = DataRecords.decode(data, 0, data.length);
        } catch (DecodeException e) {
            return false;
        }
        if (records.size() != 1) {
            return false;
        }
        DataRecord r = records.get(0);
        ValueInformationBlock vib = r.valueInformation();
        DataField field = r.dataInformation().dataField();
        if (vib.equals(ADDRESS) && field == DataField.INT8) {
            int a = r.data()[0] & 0xFF;
            if (a > 250) {
                return false;
            }
            address = a; // §2.7.3
            return true;
        }
        if (vib.equals(SECONDARY_ADDRESS) && field == DataField.BCD8 && r.number().isPresent()) {
            secondaryAddress = r.number().get().longValueExact(); // §2.7.4
            return true;
        }
        if (vib.equals(CUSTOMER_TEXT) && r.value() instanceof RecordValue.Text t && t.text().length() <= 40) {
            customerText = t.text(); // §2.7.5: 1..40 characters
            return true;
        }
        if (vib.equals(TIME) && field == DataField.INT32 && r.value() instanceof RecordValue.DateTime dt) {
            clockOffset = Duration.between(LocalDateTime.ofInstant(now, ZoneOffset.UTC), dt.dateTime()); // §2.7.2
            return true;
        }
        return vib.equals(STANDARD_TELEGRAM) && field == DataField.SELECTION_FOR_READOUT; // §2.7.7
    }

    /** The Short ID the header carries (§2.5.2 notes 1 and 2). */
    public ShortId shortId() {
        long ident = secondaryAddress != 0 ? secondaryAddress : meterNumber != 0 ? meterNumber : moduleNumber;
        DeviceType type = meterNumber != 0 ? DeviceType.WATER : BUS_COMPONENT;
        return ShortId.of(ident, INTEGRA, VERSION, type);
    }

    private byte[] respond(int frameAddress, Instant now) {
        accessNumber = (accessNumber + 1) & 0xFF;
        LocalDateTime clock = clock(now).truncatedTo(ChronoUnit.MINUTES);
        List<DataRecord> records = new ArrayList<>();
        records.add(DataRecord.of(DataInformationBlock.of(DataField.INT32), VOLUME, litres(volume.countsAt(now))));
        records.add(DataRecord.of(DataInformationBlock.of(DataField.INT32, FunctionField.INSTANTANEOUS, 0, 1, 0), VOLUME,
                litres(reverseVolume.countsAt(now))));
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.INT32), FLOW, le(flow, 4)));
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.INT32, FunctionField.MAXIMUM, 0, 0, 0), FLOW,
                le(flowMax, 4)));
        records.add(DataRecord.of(DataInformationBlock.of(DataField.INT32), TIME, new RecordValue.DateTime(clock, false)));
        records.add(DataRecord.of(DataInformationBlock.of(DataField.BCD8), FABRICATION, RecordValue.Numeric.of(moduleNumber, 0)));
        records.add(DataRecord.of(DataInformationBlock.of(DataField.BCD8, FunctionField.INSTANTANEOUS, 0, 0, 1), FABRICATION,
                RecordValue.Numeric.of(meterNumber, 0)));
        if (!customerText.isEmpty()) {
            records.add(DataRecord.of(DataInformationBlock.of(DataField.VARIABLE_LENGTH), CUSTOMER_TEXT,
                    new RecordValue.Text(customerText)));
        }
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.INT8), FIRMWARE, new byte[] {108}));
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.INT8), HARDWARE, new byte[] {1}));
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.INT16), INFO_STATUS, le(errorFlags, 2)));
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.INT16), BATTERY_DAYS, le(batteryDays, 2)));
        byte[] app = DataRecords.encode(records);
        // §2.5.2: the status field carries the error flags; the "signature" 0000h sits where the CW is
        LongHeader header = LongHeader.of(shortId(), accessNumber, StatusByte.of(errorFlags), ConfigurationWord.NONE);
        byte[] fromCi = TransportLayer.of(CiField.RESPONSE_LONG, Optional.of(header), app.length).encode(app);
        return new LongFrame(LinkFunction.RSP_UD.cField(), frameAddress, CiField.RESPONSE_LONG.code(),
                Arrays.copyOfRange(fromCi, 1, fromCi.length)).encode();
    }

    private static RecordValue.Numeric litres(long litres) {
        return RecordValue.Numeric.of(litres, -3);
    }

    private static byte[] le(long value, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    private static void checkDigits(long number) {
        if (number < 0 || number > 99_999_999L) {
            throw new IllegalArgumentException("fabrication numbers have 8 digits, got " + number);
        }
    }

    @Override
    public String describe() {
        return "aquastream water meter " + shortId() + " at " + address + " (" + baud + " Bd)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
