package org.p2gate.master.publish;

import java.util.ArrayList;
import java.util.List;

/** A sink that records what it acknowledges; while {@link #acknowledging} is set it acknowledges only that many. */
final class RecordingSink implements ReadingSink {

    final List<Reading> published = new ArrayList<>();
    int acknowledging = Integer.MAX_VALUE;
    int calls;

    @Override
    public int publish(List<Reading> readings) {
        calls++;
        int count = Math.min(readings.size(), acknowledging);
        published.addAll(readings.subList(0, count));
        acknowledging -= count;
        return count;
    }

    List<Object> values() {
        return published.stream().map(r -> r.fields().get(FieldNames.VALUE)).toList();
    }
}
