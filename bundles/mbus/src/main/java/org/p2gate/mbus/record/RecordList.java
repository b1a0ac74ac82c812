package org.p2gate.mbus.record;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The records of one decoded block: filled by {@link DataRecords} while decoding, unmodifiable once handed
 * out (the {@link java.util.List} methods that change a list throw), so {@link VariableDataBlock} keeps it
 * without copying it.
 */
final class RecordList extends AbstractList<DataRecord> implements RandomAccess {

    private DataRecord[] items;
    private int size;

    /** @param blockLength the bytes of the block: a record takes about 4 to 8 of them */
    RecordList(int blockLength) {
        items = new DataRecord[Math.max(4, blockLength / 6 + 1)];
    }

    void append(DataRecord record) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size + (size >> 1) + 1);
        }
        items[size++] = record;
    }

    @Override
    public DataRecord get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("record " + index + " of " + size);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
