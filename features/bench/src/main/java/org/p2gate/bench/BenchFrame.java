package org.p2gate.bench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.FunctionField;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/**
 * The frames both decoders are measured on, built at start-up with p2gate's encoders from the spec
 * examples' bytes (facts of the specs, embedded as hex), so the benchmark jar needs no file.
 *
 * <p>Each frame has the input p2gate decodes and the input jMBus decodes; they carry the same
 * records. Where jMBus cannot take the same bytes, {@link #jmbusInput()} says how its input differs.
 * Keys are the spec examples' published test keys.
 */
public enum BenchFrame {

    /**
     * P2 4.2.2 Appendix B1.3: RSP_UD of a gas meter, mode 15 (3 encrypted blocks), frame counter in
     * clear. The printed ciphertext was made with a wrong IV (VER 40h, the header says 42h), so the
     * plaintext is encrypted again here with the IV built from the header (P2 4.2.2 §5.2.1).
     * jMBus has no mode 15: it decodes the same frame with the plaintext in place of the ciphertext
     * and the configuration word 00 00 (same records, same length).
     */
    DSMR_B13_MODE15("dsmr-b1.3 mode 15 RSP_UD", "jMBus: same frame in clear (no mode 15 in jMBus)") {
        @Override
        Inputs build() {
            byte[] header = HEX.parseHex(DSMR_B13_HEADER);
            byte[] plain = HEX.parseHex(DSMR_B13_PLAINTEXT);
            byte[] counter = HEX.parseHex(DSMR_B13_FRAME_COUNTER_RECORD);
            ShortId device = shortIdOfHeader(header);
            // Mode15Cipher adds the 2F 2F verification bytes and the trailing fillers itself: give it the records only
            byte[] records = java.util.Arrays.copyOfRange(plain, 2, plain.length - DSMR_B13_TRAILING_FILLERS);
            byte[] cipher = Mode15Cipher.encrypt(AesKey.fromHex(DSMR_B13_KEY), device, DSMR_B13_FRAME_COUNTER, records);
            if (cipher.length != plain.length) {
                throw new IllegalStateException("mode 15 made " + cipher.length + " bytes of " + plain.length);
            }
            byte[] encrypted = wired(0x08, 0x01, 0x72, concat(header, cipher, counter));
            byte[] clearHeader = header.clone();
            clearHeader[header.length - 2] = 0; // configuration word 00 00: no encryption
            clearHeader[header.length - 1] = 0;
            byte[] clear = wired(0x08, 0x01, 0x72, concat(clearHeader, plain, counter));
            return new Inputs(encrypted, clear, DSMR_B13_KEY, false);
        }
    },

    /**
     * The same B1.3 telegram in clear (configuration word 00 00, plaintext records, frame counter
     * record kept): both decoders take the same bytes, so this row compares parsing alone, and the
     * difference to {@link #DSMR_B13_MODE15} is p2gate's cost of decryption.
     */
    DSMR_B13_CLEAR("dsmr-b1.3 RSP_UD in clear", "same bytes") {
        @Override
        Inputs build() {
            byte[] clear = DSMR_B13_MODE15.jmbusFrame();
            return new Inputs(clear, clear, null, false);
        }
    },

    /**
     * OMS Vol. 2 Annex N.2.1: SND_NR of a water meter, security profile A (mode 5, 2 encrypted
     * blocks), short header. p2gate decodes frame format A with its block CRCs; jMBus takes the
     * link data without CRCs (its radio drivers strip them), as its API requires.
     */
    OMS_N21_MODE5("oms-n2.1 mode 5 SND_NR", "jMBus: same frame without block CRCs (its API)") {
        @Override
        Inputs build() {
            byte[] withoutCrcs = HEX.parseHex(OMS_N21_LINK_DATA_WITHOUT_CRC);
            byte[] formatA;
            try {
                formatA = WirelessFrame.decodeWithoutCrcs(withoutCrcs, 0, withoutCrcs.length)
                        .encode(WirelessFrameFormat.A);
            } catch (DecodeException e) {
                throw new IllegalStateException("the Annex N.2.1 frame does not decode: " + e.getMessage(), e);
            }
            return new Inputs(formatA, withoutCrcs, OMS_N21_KEY, true);
        }
    },

    /**
     * A long wired RSP_UD in clear, as large as the largest frame of the libmbus test corpus
     * (L = EFh, 245 bytes): a heat meter's current values and 12 months of history, records of
     * mixed data types (BCD, integers of 1..8 bytes, real, dates type F/G/I, LVAR text), with
     * storage numbers, tariffs and subunits in DIFEs and VIFEs. Both decoders take the same bytes.
     */
    LARGE_WIRED("large wired RSP_UD (245 B, clear)", "same bytes") {
        @Override
        Inputs build() {
            byte[] frame = largeFrame();
            return new Inputs(frame, frame, null, false);
        }
    };

    /** P2 4.2.2 Appendix B1.3 long header: ID 23456789, MAN B438 (NET), VER 42h, DEV 03h, ACC F6h, status 00h, CW 300Fh. */
    static final String DSMR_B13_HEADER = "89674523B4384203F600300F";
    /** P2 4.2.2 Appendix B1.3 "clear" column: 48 bytes, 3 blocks, 2F 2F first. */
    static final String DSMR_B13_PLAINTEXT =
            "2F2F01FD17000D78113938373635343332313031315858585858466D00000B3216004C139103000001FD67052F2F2F2F";
    /** The 2Fh fillers at the end of the B1.3 plaintext (P2 4.2.2 §5.1). */
    static final int DSMR_B13_TRAILING_FILLERS = 4;
    /** P2 4.2.2 §5.2: the frame counter record, sent in clear after the encrypted part. */
    static final String DSMR_B13_FRAME_COUNTER_RECORD = "04FD0801000000";
    static final long DSMR_B13_FRAME_COUNTER = 1;
    /** P2 4.2.2 Appendix B1.3 user key (a published example key). */
    static final String DSMR_B13_KEY = "000102030405060708090A0B0C0D0E0F";

    /** OMS Annex N.2.1 SND_NR, link data without block CRCs (L = 2Eh, CI 7Ah, ACC 2Ah, CW 2025h). */
    static final String OMS_N21_LINK_DATA_WITHOUT_CRC =
            "2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3";
    /** OMS Annex N.2.1 key (a published example key). */
    static final String OMS_N21_KEY = "0102030405060708090A0B0C0D0E0F11";

    /** L of the largest libmbus corpus frame (minol_minocal_c2.hex): 68 EF EF 68 … */
    static final int LARGE_L = 0xEF;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final String label;
    private final String jmbusInput;
    private volatile Inputs inputs;

    BenchFrame(String label, String jmbusInput) {
        this.label = label;
        this.jmbusInput = jmbusInput;
    }

    /** Short name for the table. */
    public String label() {
        return label;
    }

    /** How jMBus's input relates to p2gate's. */
    public String jmbusInput() {
        return jmbusInput;
    }

    /** The bytes p2gate decodes (a copy). */
    public byte[] p2gateFrame() {
        return inputs().p2gate.clone();
    }

    /** The bytes jMBus decodes (a copy). */
    public byte[] jmbusFrame() {
        return inputs().jmbus.clone();
    }

    /** Whether the frame is wireless (decoded as format A by p2gate, by WMBusMessage by jMBus). */
    public boolean wireless() {
        return inputs().wireless;
    }

    /** The AES key in hex, empty when the frame is in clear. */
    public String keyHex() {
        String k = inputs().keyHex;
        return k == null ? "" : k;
    }

    private Inputs inputs() {
        Inputs i = inputs;
        if (i == null) {
            i = build();
            inputs = i;
        }
        return i;
    }

    abstract Inputs build();

    /** Both inputs of a frame; the key is held as hex only to hand it to each library's own key type. */
    record Inputs(byte[] p2gate, byte[] jmbus, String keyHex, boolean wireless) {
        @Override
        public String toString() {
            return "Inputs[" + p2gate.length + " B for p2gate, " + jmbus.length + " B for jMBus]";
        }
    }

    static ShortId shortIdOfHeader(byte[] header) {
        try {
            return ShortId.fromHeader(header, 0);
        } catch (DecodeException e) {
            throw new IllegalStateException("bad header: " + e.getMessage(), e);
        }
    }

    static byte[] wired(int c, int address, int ci, byte[] data) {
        return new LongFrame(CField.of(c), address, ci, data).encode();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** The large frame: header, then records until the data fill L = EFh exactly (filler 2Fh for the rest). */
    static byte[] largeFrame() {
        ShortId device = ShortId.of(31425084, ManufacturerCode.of("MIN"), 0x1A, DeviceType.HEAT_OUTLET);
        byte[] header = concat(device.toHeader(), new byte[] {0x2C, 0x00, 0x00, 0x00}); // ACC, status, CW 0000
        List<DataRecord> records = new ArrayList<>();
        // current values
        records.add(record(DataField.BCD8, 0, 0, 0, RecordValue.Numeric.of(1_234_567, 3), 0x06)); // energy kWh
        records.add(record(DataField.INT32, 0, 1, 0, RecordValue.Numeric.of(456_789, 3), 0x06)); // tariff 1
        records.add(record(DataField.INT48, 0, 2, 0, RecordValue.Numeric.of(98_765_432_101L, 3), 0x06)); // tariff 2
        records.add(record(DataField.BCD12, 0, 0, 0, RecordValue.Numeric.of(123_456_789_012L, -2), 0x14)); // volume
        records.add(record(DataField.INT64, 0, 0, 1, RecordValue.Numeric.of(7_000_000_001L, -3), 0x13)); // subunit 1
        records.add(record(DataField.INT24, 0, 0, 0, RecordValue.Numeric.of(1_234, -3), 0x3B)); // flow m3/h
        records.add(record(DataField.REAL32, 0, 0, 0, RecordValue.Numeric.of(15_250, -3), 0x2B)); // power W
        records.add(record(DataField.INT16, 0, 0, 0, RecordValue.Numeric.of(652, -1), 0x5A)); // flow temp
        records.add(record(DataField.INT16, 0, 0, 0, RecordValue.Numeric.of(418, -1), 0x5E)); // return temp
        records.add(record(DataField.INT8, 0, 0, 0, RecordValue.Numeric.of(0, 0), 0xFD, 0x17)); // error flags
        records.add(record(DataField.INT32, 0, 0, 0,
                new RecordValue.DateTime(LocalDateTime.of(2024, 3, 1, 12, 30), false), 0x6D)); // type F
        records.add(record(DataField.INT48, 0, 0, 0,
                new RecordValue.DateTime(LocalDateTime.of(2024, 3, 1, 12, 30, 15), false), 0x6D)); // type I
        records.add(DataRecord.ofData(DataInformationBlock.of(DataField.VARIABLE_LENGTH), ValueInformationBlock.of(0x78),
                concat(new byte[] {8}, "43210987".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))); // LVAR text
        records.add(record(DataField.INT32, 0, 0, 0, RecordValue.Numeric.of(9_600, 0), 0x22)); // on time, hours
        // monthly history: due date (type G) and energy per storage number
        for (int month = 1; ; month++) {
            DataRecord date = record(DataField.INT16, month, 0, 0,
                    new RecordValue.Date(LocalDate.of(2024, 1, 1).minusMonths(month - 1)), 0x6C);
            DataRecord energy = record(DataField.INT32, month, 0, 0,
                    RecordValue.Numeric.of(1_200_000L - 9_000L * month, 3), 0x06);
            if (size(records) + date.length() + energy.length() > LARGE_L - 3 - header.length) {
                break;
            }
            records.add(date);
            records.add(energy);
        }
        byte[] body = DataRecords.encode(records);
        byte[] data = new byte[LARGE_L - 3];
        System.arraycopy(header, 0, data, 0, header.length);
        System.arraycopy(body, 0, data, header.length, body.length);
        // EN 13757-3 §6.5: idle filler 2Fh may pad the rest of the block
        java.util.Arrays.fill(data, header.length + body.length, data.length, (byte) DataRecords.IDLE_FILLER);
        return wired(0x08, 0x02, 0x72, data);
    }

    private static int size(List<DataRecord> records) {
        int n = 0;
        for (DataRecord r : records) {
            n += r.length();
        }
        return n;
    }

    private static DataRecord record(DataField field, long storage, int tariff, int subunit, RecordValue value,
            int... vib) {
        return DataRecord.of(DataInformationBlock.of(field, FunctionField.INSTANTANEOUS, storage, tariff, subunit),
                ValueInformationBlock.of(vib), value);
    }
}
