package org.p2gate.cosem.mbus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Selective access to a profile's buffer (IEC 62056-6-2 / Blue Book class 7, attribute 2): by range
 * (selector 1: the rows whose clock lies in [from, to], both ends included, and the selected columns)
 * or by entry (selector 2: rows from_entry..to_entry, 1-based, to_entry 0 = the last; columns
 * from_selected_value..to_selected_value, 1-based, 0 = the last). Gurux's own entry selector takes
 * to_entry as a count (BUILD-NOTES); this one follows the standard.
 *
 * @param firstRow the first row, 0-based
 * @param rowCount how many rows from it (0 = none)
 * @param columns  the selected columns, 0-based, in the order answered
 */
record ProfileSelection(int firstRow, int rowCount, List<Integer> columns) {

    ProfileSelection {
        columns = List.copyOf(columns);
    }

    /** Everything. */
    static ProfileSelection all(int rows, int columns) {
        return new ProfileSelection(0, rows, range(0, columns));
    }

    /** Selector 2; empty when the numbers are not a selection of this buffer (e.g. from after to). */
    static Optional<ProfileSelection> byEntry(long fromEntry, long toEntry, int fromValue, int toValue, int rows, int columns) {
        long lastRow = toEntry == 0 ? rows : Math.min(toEntry, rows);
        int lastColumn = toValue == 0 ? columns : toValue;
        if (fromEntry < 1 || fromValue < 1 || lastColumn > columns || fromValue > lastColumn
                || toEntry != 0 && fromEntry > toEntry) {
            return Optional.empty();
        }
        int count = fromEntry > lastRow ? 0 : (int) (lastRow - fromEntry + 1); // entries beyond the buffer: none
        return Optional.of(new ProfileSelection((int) Math.min(fromEntry - 1, rows), count, range(fromValue - 1, lastColumn)));
    }

    /** Selector 1 on the clock column: the rows with from ≤ time ≤ to (the rows are in time order), {@code columns} of them. */
    static ProfileSelection byRange(List<ProfileRow> rows, Instant from, Instant to, List<Integer> columns) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < rows.size(); i++) {
            Instant t = rows.get(i).time();
            if (!t.isBefore(from) && !t.isAfter(to)) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        return new ProfileSelection(Math.max(first, 0), count, columns);
    }

    /** The selected rows and columns as the A-XDR array of structures the buffer attribute answers with. */
    byte[] encode(List<ProfileRow> rows) {
        Axdr out = new Axdr().array(rowCount);
        for (ProfileRow row : rows.subList(firstRow, firstRow + rowCount)) {
            out.structure(columns.size());
            for (int column : columns) {
                out.raw(row.cells().get(column));
            }
        }
        return out.bytes();
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
