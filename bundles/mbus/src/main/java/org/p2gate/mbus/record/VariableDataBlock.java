package org.p2gate.mbus.record;

import java.util.List;

/**
 * A decoded variable data block (EN 13757-3 §6): its records, and what followed a DIF 0Fh/1Fh
 * (manufacturer specific data, kept as bytes; 1Fh = more records follow in the next telegram).
 *
 * @param undecoded what a lenient decoder could not read as records (from a reserved DIF or a
 *                  malformed record on, see {@link DataRecords#decodeBlock(byte[], int, int, org.p2gate.mbus.Departures)});
 *                  empty from a strict one
 */
public record VariableDataBlock(List<DataRecord> records, boolean hasManufacturerData, boolean moreRecordsFollow,
        byte[] manufacturerData, boolean globalReadoutRequest, byte[] undecoded) {

    public VariableDataBlock {
        records = records instanceof RecordList ? records : List.copyOf(records); // a decoded block's list is unmodifiable
        manufacturerData = manufacturerData.length == 0 ? NONE : manufacturerData.clone();
        undecoded = undecoded.length == 0 ? NONE : undecoded.clone();
        if (moreRecordsFollow && !hasManufacturerData) {
            throw new IllegalArgumentException("DIF 1Fh starts the manufacturer specific part");
        }
        if (hasManufacturerData && undecoded.length > 0) {
            throw new IllegalArgumentException("undecoded bytes end the block: no DIF 0Fh/1Fh after them");
        }
    }

    /** A block whose every byte was decoded. */
    public VariableDataBlock(List<DataRecord> records, boolean hasManufacturerData, boolean moreRecordsFollow,
            byte[] manufacturerData, boolean globalReadoutRequest) {
        this(records, hasManufacturerData, moreRecordsFollow, manufacturerData, globalReadoutRequest, NONE);
    }

    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] undecoded() {
        return undecoded.length == 0 ? undecoded : undecoded.clone();
    }

    @Override
    public byte[] manufacturerData() {
        return manufacturerData.length == 0 ? manufacturerData : manufacturerData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariableDataBlock b && records.equals(b.records)
                && hasManufacturerData == b.hasManufacturerData && moreRecordsFollow == b.moreRecordsFollow
                && globalReadoutRequest == b.globalReadoutRequest
                && java.util.Arrays.equals(manufacturerData, b.manufacturerData)
                && java.util.Arrays.equals(undecoded, b.undecoded);
    }

    @Override
    public int hashCode() {
        return records.hashCode() * 31 + java.util.Arrays.hashCode(manufacturerData);
    }

    @Override
    public String toString() {
        return "VariableDataBlock[" + records.size() + " records"
                + (hasManufacturerData ? ", " + manufacturerData.length + " manufacturer bytes" : "")
                + (moreRecordsFollow ? ", more records follow" : "")
                + (undecoded.length > 0 ? ", " + undecoded.length + " bytes undecoded" : "") + "]";
    }
}
