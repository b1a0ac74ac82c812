package org.p2gate.installation;

import java.util.Objects;

/**
 * What an event did to the installation mode: accepted (with the state before and after) or rejected with the
 * reason a person can act on.
 *
 * @param event    the event
 * @param accepted whether it was accepted
 * @param before   the state before
 * @param after    the state after (the same as before when rejected)
 * @param detail   what happened, or why it was rejected and what to do
 */
public record EventResult(ModeEvent event, boolean accepted, ModeState before, ModeState after, String detail) {

    public EventResult {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(detail, "detail");
    }

    static EventResult accepted(ModeEvent event, ModeState before, ModeState after, String detail) {
        return new EventResult(event, true, before, after, detail);
    }

    static EventResult rejected(ModeEvent event, ModeState state, String reason) {
        return new EventResult(event, false, state, state, reason);
    }
}
