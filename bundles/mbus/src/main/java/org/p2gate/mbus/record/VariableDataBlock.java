package org.p2gate.mbus.record;

import java.util.List;

/**
 * A decoded variable data block (EN 13757-3 §6): its records, and what followed a DIF 0Fh/1Fh
 * (manufacturer specific data, kept as bytes; 1Fh = more records follow in the next telegram).
 */
public record VariableDataBlock(List<DataRecord> records, boolean hasManufacturerData, boolean moreRecordsFollow,
        byte[] manufacturerData, boolean globalReadoutRequest) {

    public VariableDataBlock {
        records = List.copyOf(records);
        manufacturerData = manufacturerData.length == 0 ? NONE : manufacturerData.clone();
        if (moreRecordsFollow && !hasManufacturerData) {
            throw new IllegalArgumentException("DIF 1Fh starts the manufacturer specific part");
        }
    }

    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] manufacturerData() {
        return manufacturerData.length == 0 ? manufacturerData : manufacturerData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariableDataBlock b && records.equals(b.records)
                && hasManufacturerData == b.hasManufacturerData && moreRecordsFollow == b.moreRecordsFollow
                && globalReadoutRequest == b.globalReadoutRequest
                && java.util.Arrays.equals(manufacturerData, b.manufacturerData);
    }

    @Override
    public int hashCode() {
        return records.hashCode() * 31 + java.util.Arrays.hashCode(manufacturerData);
    }

    @Override
    public String toString() {
        return "VariableDataBlock[" + records.size() + " records"
                + (hasManufacturerData ? ", " + manufacturerData.length + " manufacturer bytes" : "")
                + (moreRecordsFollow ? ", more records follow" : "") + "]";
    }
}
