package org.p2gate.mbus.record;

import java.util.Objects;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * DIF and DIFEs of a data record (EN 13757-3 §6.3): data field, function, storage number, tariff
 * and subunit. {@code difeCount} keeps how many DIFEs were sent, so that a record with redundant
 * zero DIFEs encodes to the same bytes.
 *
 * @param storageNumber DIF bit 6 is bit 0, each DIFE adds 4 bits (at most 41 bits)
 * @param tariff        2 bits per DIFE
 * @param subunit       1 bit per DIFE ("device unit")
 * @param difeCount     0..10 DIFEs; at least as many as the numbers need
 */
public record DataInformationBlock(DataField dataField, FunctionField function, long storageNumber, int tariff,
        int subunit, int difeCount) {

    /** EN 13757-3 §6.3: at most 10 DIFEs. */
    public static final int MAX_DIFES = 10;

    public DataInformationBlock {
        Objects.requireNonNull(dataField, "dataField");
        Objects.requireNonNull(function, "function");
        if (dataField == DataField.SPECIAL_FUNCTION) {
            throw new IllegalArgumentException("DIF data field Fh is a special function, not a data record");
        }
        if (difeCount < 0 || difeCount > MAX_DIFES) {
            throw new IllegalArgumentException("0..10 DIFEs, got " + difeCount);
        }
        if (storageNumber < 0 || tariff < 0 || subunit < 0) {
            throw new IllegalArgumentException("storage, tariff and subunit are not negative");
        }
        int needed = difesNeeded(storageNumber, tariff, subunit);
        if (needed > MAX_DIFES) {
            throw new IllegalArgumentException("storage " + storageNumber + ", tariff " + tariff + ", subunit "
                    + subunit + " need more than 10 DIFEs");
        }
        if (difeCount < needed) {
            throw new IllegalArgumentException(needed + " DIFEs needed, " + difeCount + " given");
        }
    }

    /** The shortest coding of these fields. */
    public static DataInformationBlock of(DataField dataField, FunctionField function, long storageNumber, int tariff,
            int subunit) {
        if (storageNumber < 0 || tariff < 0 || subunit < 0) {
            throw new IllegalArgumentException("storage, tariff and subunit are not negative");
        }
        return new DataInformationBlock(dataField, function, storageNumber, tariff, subunit,
                Math.min(MAX_DIFES + 1, difesNeeded(storageNumber, tariff, subunit)));
    }

    /** Instantaneous value, storage 0, tariff 0, subunit 0. */
    public static DataInformationBlock of(DataField dataField) {
        return new DataInformationBlock(dataField, FunctionField.INSTANTANEOUS, 0, 0, 0, 0);
    }

    static int difesNeeded(long storageNumber, int tariff, int subunit) {
        int n = 0;
        long s = storageNumber >>> 1;
        int t = tariff;
        int u = subunit;
        while (s != 0 || t != 0 || u != 0) {
            n++;
            s >>>= 4;
            t >>>= 2;
            u >>>= 1;
            if (n > MAX_DIFES) {
                break;
            }
        }
        return n;
    }

    /** Bytes on the wire: DIF plus DIFEs. */
    public int length() {
        return 1 + difeCount;
    }

    /** Whether this is a storage number other than 0, e.g. DSMR's hourly value (P2 4.2.2 §6.1). */
    public boolean isStored() {
        return storageNumber != 0;
    }

    /**
     * Decodes the DIB at {@code offset}; {@code end} is one past the last byte that may be read.
     * The first byte must not be a special function (DIF xFh).
     */
    public static DataInformationBlock decode(byte[] data, int offset, int end) throws DecodeException {
        if (offset >= end) {
            throw new DecodeException(Reason.TRUNCATED, offset, "a DIF is missing");
        }
        int dif = data[offset] & 0xFF;
        if ((dif & 0x0F) == 0x0F) {
            throw new DecodeException(Reason.BAD_RECORD, offset, "DIF special function where a data record starts");
        }
        if (dif < 0x80) {
            return ALONE[dif]; // no DIFE: one of 128 immutable blocks, shared
        }
        if (offset + 1 < end && data[offset + 1] >= 0) {
            // one DIFE (storage < 32, tariff < 4, subunit < 2: history records): shared too, made on first use
            int key = (dif & 0x7F) << 7 | data[offset + 1];
            DataInformationBlock one = ONE_DIFE[key];
            if (one == null) {
                one = decodeDifes(data, offset, end, dif);
                ONE_DIFE[key] = one; // a benign race: the same immutable block, whoever makes it
            }
            return one;
        }
        return decodeDifes(data, offset, end, dif);
    }

    private static DataInformationBlock decodeDifes(byte[] data, int offset, int end, int dif) throws DecodeException {
        long storage = (dif >> 6) & 1;
        int tariff = 0;
        int subunit = 0;
        int count = 0;
        int pos = offset;
        boolean more = (dif & 0x80) != 0;
        while (more) {
            pos++;
            if (pos >= end) {
                throw new DecodeException(Reason.TRUNCATED, pos, "the data ends where a DIFE is announced");
            }
            if (count == MAX_DIFES) {
                // EN 13757-3 §6.3.2: up to ten DIFEs
                throw new DecodeException(Reason.TOO_MANY_DIFES, pos, "more than 10 DIFEs in one record");
            }
            int dife = data[pos] & 0xFF;
            // EN 13757-3 §6.3.2: DIFE = E, subunit (1 bit), tariff (2 bits), storage (4 bits)
            storage |= (long) (dife & 0x0F) << (1 + 4 * count);
            tariff |= ((dife >> 4) & 0x03) << (2 * count);
            subunit |= ((dife >> 6) & 0x01) << count;
            count++;
            more = (dife & 0x80) != 0;
        }
        return new DataInformationBlock(DataField.ofCode(dif), FunctionField.ofCode(dif >> 4), storage, tariff,
                subunit, count);
    }

    /** The DIBs of a DIF with one DIFE, by (DIF & 7Fh) << 7 | DIFE; filled as met (128 × 128 references). */
    private static final DataInformationBlock[] ONE_DIFE = new DataInformationBlock[0x80 * 0x80];

    /** The DIBs of one DIF without DIFE (the special functions xFh excluded). */
    private static final DataInformationBlock[] ALONE = new DataInformationBlock[0x80];

    static {
        for (int dif = 0; dif < 0x80; dif++) {
            if ((dif & 0x0F) != 0x0F) {
                ALONE[dif] = new DataInformationBlock(DataField.ofCode(dif), FunctionField.ofCode(dif >> 4), (dif >> 6) & 1,
                        0, 0, 0);
            }
        }
    }

    /** Writes DIF and DIFEs at {@code offset}; returns the next offset. */
    public int encode(byte[] out, int offset) {
        int dif = dataField.code() | function.code() << 4 | (int) (storageNumber & 1) << 6
                | (difeCount > 0 ? 0x80 : 0);
        out[offset] = (byte) dif;
        for (int i = 0; i < difeCount; i++) {
            int dife = (int) ((storageNumber >>> (1 + 4 * i)) & 0x0F) | ((tariff >>> (2 * i)) & 0x03) << 4
                    | ((subunit >>> i) & 1) << 6 | (i + 1 < difeCount ? 0x80 : 0);
            out[offset + 1 + i] = (byte) dife;
        }
        return offset + 1 + difeCount;
    }

    public byte[] toBytes() {
        byte[] out = new byte[length()];
        encode(out, 0);
        return out;
    }
}
