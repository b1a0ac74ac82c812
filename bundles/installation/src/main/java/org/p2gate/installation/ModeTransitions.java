package org.p2gate.installation;

import static org.p2gate.installation.ModeEvent.COVER_REMOVED;
import static org.p2gate.installation.ModeEvent.COVER_REPLACED;
import static org.p2gate.installation.ModeEvent.FOUR_REGISTERED;
import static org.p2gate.installation.ModeEvent.HOUR_ELAPSED;
import static org.p2gate.installation.ModeEvent.POWER_UP;
import static org.p2gate.installation.ModeEvent.SELECT;
import static org.p2gate.installation.ModeState.INSTALLATION;
import static org.p2gate.installation.ModeState.NORMAL;

import java.util.List;
import java.util.Optional;

/**
 * The installation mode's transition table (P2 4.2.2 §8.1, §8.3.1, §8.4.2.2), one row per state and event: the
 * next state, or the reason the event is rejected in that state. The README shows the same table. Guards that
 * depend on more than the state (a free channel, the candidate named, discover_on_power_on) are checked by
 * {@link Installation} before the row is applied, and named in the row.
 */
final class ModeTransitions {

    /**
     * One row.
     *
     * @param from    the state
     * @param event   the event
     * @param to      the next state; empty: rejected
     * @param meaning what the transition does, or why the event is rejected and what to do
     */
    record Row(ModeState from, ModeEvent event, Optional<ModeState> to, String meaning) {}

    static final List<Row> TABLE = List.of(
            go(NORMAL, COVER_REMOVED, INSTALLATION, "installation mode for one hour (if a channel is free): continuous "
                    + "wired scan, wireless candidates listed"),
            go(NORMAL, POWER_UP, INSTALLATION, "installation mode for one hour if discover_on_power_on (and a channel is"
                    + " free); else normal operation"),
            no(NORMAL, COVER_REPLACED, "not in installation mode: there is nothing to stop"),
            no(NORMAL, FOUR_REGISTERED, "not in installation mode"),
            no(NORMAL, HOUR_ELAPSED, "not in installation mode"),
            no(NORMAL, SELECT, "not in installation mode: a device can be selected only in installation mode; start it"
                    + " (remove the M-Bus cover: installation start) first"),
            no(INSTALLATION, COVER_REMOVED, "already in installation mode"),
            no(INSTALLATION, POWER_UP, "already in installation mode"),
            go(INSTALLATION, COVER_REPLACED, NORMAL, "installation mode ends: the cover is replaced"),
            go(INSTALLATION, FOUR_REGISTERED, NORMAL, "installation mode ends: four devices are registered"),
            go(INSTALLATION, HOUR_ELAPSED, NORMAL, "installation mode ends: one hour after its trigger"),
            go(INSTALLATION, SELECT, INSTALLATION, "the selected device's Short ID is written into the lowest free "
                    + "channel (if the candidate is listed and not registered, and a channel is free)"));

    private ModeTransitions() {}

    /** The row of {@code state} and {@code event}; the table has exactly one. */
    static Row row(ModeState state, ModeEvent event) {
        return TABLE.stream().filter(r -> r.from() == state && r.event() == event).findFirst()
                .orElseThrow(() -> new IllegalStateException("no row for " + state + " and " + event));
    }

    private static Row go(ModeState from, ModeEvent event, ModeState to, String meaning) {
        return new Row(from, event, Optional.of(to), meaning);
    }

    private static Row no(ModeState from, ModeEvent event, String reason) {
        return new Row(from, event, Optional.empty(), reason);
    }
}
