package org.p2gate.cosem.mbus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a profile's buffer: the time its clock column holds (what a selection by range compares)
 * and its cells, each already A-XDR encoded, in capture-object order.
 */
record ProfileRow(Instant time, List<byte[]> cells) {

    ProfileRow {
        Objects.requireNonNull(time, "time");
        cells = List.copyOf(cells);
    }
}
