package org.p2gate.master;

import java.util.List;
import java.util.Objects;
import org.p2gate.mbus.record.DataRecord;

/**
 * The result of a master operation (a read or a command) on a channel. Never holds key material:
 * records of key exchange print without their bytes, and details are written without keys.
 *
 * @param channel the channel
 * @param command what was done, e.g. "clock synchronisation"
 * @param outcome how it ended
 * @param detail  what happened, for a person
 * @param records the data records read (readout-list reads); empty otherwise
 */
public record CommandResult(Channel channel, String command, Outcome outcome, String detail, List<DataRecord> records) {

    /** How an operation ended. */
    public enum Outcome {
        /** Done and acknowledged by the device (or, for a read, accepted). */
        DONE,
        /** Not attempted: a precondition failed (channel not bound, user key set for set address, …). */
        REFUSED,
        /** The device did not answer the command (e.g. it did not accept the frame counter); the frame counter
         *  was resynchronised with REQ_UD2 (P2 §5.2). */
        IGNORED,
        /** The device answered, but the answer was rejected (see the master's rejection counts). */
        REJECTED,
        /** The link failed (no answer after the link's retries, garbled answer, transport down). */
        FAILED,
        /**
         * A read whose answer was accepted but carried no value (issue 16: "a read that yields no value is never
         * done"), e.g. only the version records of a readout list that stayed changed; the detail says why.
         */
        INCOMPLETE
    }

    public CommandResult {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        records = List.copyOf(records);
    }

    public static CommandResult of(Channel channel, String command, Outcome outcome, String detail) {
        return new CommandResult(channel, command, outcome, detail, List.of());
    }

    public boolean done() {
        return outcome == Outcome.DONE;
    }
}
