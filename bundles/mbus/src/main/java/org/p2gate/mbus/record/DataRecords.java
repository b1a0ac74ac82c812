package org.p2gate.mbus.record;

import java.util.Arrays;
import java.util.List;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.Departures;
import org.p2gate.mbus.Reason;

/** A whole variable data block: a sequence of data records and special functions (EN 13757-3 §6.3.1, Table 6). */
public final class DataRecords {

    /** EN 13757-3 Table 6: idle filler, skipped. */
    public static final int IDLE_FILLER = 0x2F;
    private static final byte[] NO_MANUFACTURER_DATA = new byte[0];
    /** EN 13757-3 Table 6: manufacturer specific data to the end. */
    public static final int MANUFACTURER_SPECIFIC = 0x0F;
    /** EN 13757-3 Table 6: manufacturer specific data to the end, more records follow in the next telegram. */
    public static final int MORE_RECORDS_FOLLOW = 0x1F;
    /** EN 13757-3 Table 6: global readout request (all storage numbers, units, tariffs, functions). */
    public static final int GLOBAL_READOUT = 0x7F;

    private DataRecords() {}

    /** The records of the block; see {@link #decodeBlock} for what follows a DIF 0Fh/1Fh. */
    public static List<DataRecord> decode(byte[] data, int offset, int length) throws DecodeException {
        return decodeBlock(data, offset, length).records();
    }

    /**
     * Decodes {@code length} bytes at {@code offset}. Offsets in exceptions are relative to
     * {@code offset} (0 = the block's first byte).
     */
    public static VariableDataBlock decodeBlock(byte[] data, int offset, int length) throws DecodeException {
        return decodeBlock(data, offset, length, Departures.strict());
    }

    /**
     * As {@link #decodeBlock(byte[], int, int)}. A lenient {@code departures} keeps every record decoded
     * before a defect (a reserved DIF, a truncated or malformed record): the rest of the block becomes
     * {@link VariableDataBlock#undecoded()}, recorded with the defect's reason and offset.
     */
    public static VariableDataBlock decodeBlock(byte[] data, int offset, int length, Departures departures)
            throws DecodeException {
        checkRange(data, offset, length);
        // one copy of the block, which the records view
        return decodeOwnedBlock(Arrays.copyOfRange(data, offset, offset + length), 0, length, departures);
    }

    /**
     * As {@link #decodeBlock(byte[], int, int, Departures)}, without copying: the records view {@code owned},
     * which the caller hands over (a decoder's own copy, never written again).
     */
    public static VariableDataBlock decodeOwnedBlock(byte[] owned, int offset, int length, Departures departures)
            throws DecodeException {
        checkRange(owned, offset, length);
        byte[] data = owned;
        int end = offset + length;
        int pos = offset;
        RecordList records = new RecordList(length);
        boolean globalReadout = false;
        // a VIB's departures are at indexes into data: collected apart, then counted from the block's start
        Departures part = departures.forPart();
        try {
            while (pos < end) {
                int dif = data[pos] & 0xFF;
                if (dif == IDLE_FILLER) {
                    pos++;
                } else if (dif == MANUFACTURER_SPECIFIC || dif == MORE_RECORDS_FOLLOW) {
                    departures.addShifted(part, -offset);
                    return new VariableDataBlock(records, true, dif == MORE_RECORDS_FOLLOW,
                            Arrays.copyOfRange(data, pos + 1, end), globalReadout);
                } else if (dif == GLOBAL_READOUT) {
                    globalReadout = true;
                    pos++;
                } else if ((dif & 0x0F) == 0x0F) {
                    throw new DecodeException(Reason.BAD_RECORD, pos, "reserved special function DIF "
                            + Integer.toHexString(dif) + "h");
                } else {
                    DataRecord record = DataRecord.view(data, pos, end, part);
                    records.append(record);
                    pos += record.length();
                }
            }
        } catch (DecodeException e) {
            if (!departures.isLenient() || e.offset() < pos || e.offset() > end) {
                throw e.shifted(-offset);
            }
            // the records before the defect stand; the rest is kept as bytes, with the reason and where
            departures.addShifted(part, -offset);
            departures.add(new Departure(Departure.Kind.UNDECODED_RECORDS, pos - offset, (end - pos)
                    + " bytes not decoded: " + e.reason() + " at byte " + (e.offset() - offset) + " of the block: "
                    + e.getMessage()));
            return new VariableDataBlock(records, false, false, NO_MANUFACTURER_DATA, globalReadout,
                    Arrays.copyOfRange(data, pos, end));
        }
        departures.addShifted(part, -offset);
        return new VariableDataBlock(records, false, false, NO_MANUFACTURER_DATA, globalReadout);
    }

    private static void checkRange(byte[] data, int offset, int length) throws DecodeException {
        if (offset < 0 || length < 0 || offset > data.length || length > data.length - offset) {
            throw new DecodeException(Reason.TRUNCATED, 0,
                    "a block of " + length + " bytes at " + offset + " does not lie in " + data.length + " bytes");
        }
    }

    /** The records one after the other. */
    public static byte[] encode(List<DataRecord> records) {
        int length = 0;
        for (DataRecord r : records) {
            length += r.length();
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (DataRecord r : records) {
            pos = r.encode(out, pos);
        }
        return out;
    }

    /** The block: global readout request (if any), records, then DIF 0Fh/1Fh and the manufacturer data. */
    public static byte[] encode(VariableDataBlock block) {
        byte[] records = encode(block.records());
        int head = block.globalReadoutRequest() ? 1 : 0;
        byte[] manufacturer = block.manufacturerData();
        int tail = block.hasManufacturerData() ? 1 + manufacturer.length : 0;
        byte[] undecoded = block.undecoded();
        byte[] out = new byte[head + records.length + tail + undecoded.length];
        System.arraycopy(undecoded, 0, out, head + records.length, undecoded.length);
        if (head == 1) {
            out[0] = (byte) GLOBAL_READOUT;
        }
        System.arraycopy(records, 0, out, head, records.length);
        if (block.hasManufacturerData()) {
            out[head + records.length] = (byte) (block.moreRecordsFollow() ? MORE_RECORDS_FOLLOW : MANUFACTURER_SPECIFIC);
            System.arraycopy(manufacturer, 0, out, head + records.length + 1, manufacturer.length);
        }
        return out;
    }
}
