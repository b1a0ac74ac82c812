package org.p2gate.master;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.reading.Reading;
import org.p2gate.master.reading.ReadingExtractor;
import org.p2gate.master.validation.RejectionCounter;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.master.validation.Validation;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.wired.Repeats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the master does with a validated message of a channel's device, a wired answer or a wireless message
 * (P2 §5.2, Appendix A): a rejection is counted and logged; an accepted message is stored, then its events
 * are published (DESIGN.md "Durability"). Runs in the tasks of the master's scheduler.
 */
final class MessageAcceptance {

    private static final Logger LOG = LoggerFactory.getLogger(MessageAcceptance.class);

    private final MasterStore store;
    private final MasterSettings settings;
    private final RejectionCounter rejections;
    private final ChannelEvents events;
    /** Queues a clear status command for a channel (P2 §6.2.3), on whichever medium it is bound to. */
    private final Consumer<Channel> clearStatus;
    private final Repeats repeats = new Repeats();
    /** The master's time: when a message came (an actual value without time stamp, P2 §6.1). */
    private final Supplier<Instant> now;

    MessageAcceptance(MasterStore store, MasterSettings settings, RejectionCounter rejections, ChannelEvents events,
            Consumer<Channel> clearStatus, Supplier<Instant> now) {
        this.now = now;
        this.store = store;
        this.settings = settings;
        this.rejections = rejections;
        this.events = events;
        this.clearStatus = clearStatus;
    }

    /**
     * The outcome of one REQ_UD2: accepted (and stored), rejected, or failed on the link; {@code value}: whether an
     * accepted answer carried the hourly value (P2 §6.1).
     */
    record ReadOutcome(Outcome outcome, String detail, List<DataRecord> records, boolean value,
            Optional<RejectionReason> rejection) {
        ReadOutcome(Outcome outcome, String detail, List<DataRecord> records) {
            this(outcome, detail, records, false, Optional.empty());
        }

        /**
         * README "Communication error and OK": a failed exchange — no answer, or one rejected for another reason than
         * the want of the device's key (the device was heard; the installation waits for the head-end's keys).
         */
        boolean communicationFailed() {
            return outcome == Outcome.FAILED
                    || outcome == Outcome.REJECTED && rejection.filter(RejectionReason::forWantOfKey).isEmpty();
        }

        CommandResult result(Channel channel, String command) {
            return new CommandResult(channel, command, outcome, detail, records);
        }

        /** Accepted, but without the hourly value. */
        boolean withoutValue() {
            return outcome == Outcome.DONE && !value;
        }
    }

    /**
     * The one rule for the profile and the value object (issue 16, README "Hourly values"): an hourly value is taken
     * into both only if its capture time is a whole hour (P2 §6.1, §6.4.3: the value captured at the whole hour) and
     * later than the last one taken — never backwards, never twice for one hour (the first value of an hour stays). A
     * value that is not taken changes neither; one that is older or not at a whole hour is logged (P2 §5.2: "the
     * timestamp and reading in the RSP_UD ... will make sure these are easily spotted").
     */
    private Optional<HourlyValue> taken(Channel channel, ChannelState state, Optional<Instant> floor,
            Optional<HourlyValue> read) {
        if (read.isEmpty()) {
            return read;
        }
        Instant time = read.get().captureTime();
        // a device bound again: its last value taken before the unbinding is the floor (ReplayFloor)
        Optional<Instant> last = state.lastHourlyValue().map(HourlyValue::captureTime).or(() -> floor);
        String why;
        if (!time.equals(time.truncatedTo(ChronoUnit.HOURS))) {
            why = "is not a whole hour";
        } else if (last.isEmpty() || time.isAfter(last.get())) {
            return read;
        } else if (time.equals(last.get())) {
            LOG.debug("{}: the hourly value at {} was taken already", channel, time);
            return Optional.empty();
        } else {
            why = "is older than the last one taken, " + last.get();
        }
        long n = repeats.note(channel + " hourly values", why.substring(0, 6));
        if (Repeats.logs(n)) {
            LOG.warn("{}: the hourly value's time stamp {} {}: neither the profile nor the value takes it{}", channel, time,
                    why, Repeats.times(n));
        }
        return Optional.empty();
    }

    /**
     * A validated message of the channel's device (wired answer or wireless message): a rejection is counted
     * and logged; an accepted one is stored (P2 Appendix A: header fields, hourly value, status; the frame
     * counter; a pending key it validated with becomes the user key), then its events are published.
     */
    ReadOutcome accept(Channel channel, Validation verdict, String what) {
        ChannelState state = store.channel(channel);
        if (verdict instanceof Validation.Rejected rejected) {
            rejections.count(channel, rejected.reason());
            // the one line of this event (issue 16): the operation's result is not logged again; repeats summarised
            long n = repeats.note(channel + " answers", rejected.reason().name());
            if (Repeats.logs(n)) {
                LOG.warn("{}: rejected {}: {} — {}; it is not used{}", channel, what, rejected.reason().description(),
                        rejected.detail(), Repeats.times(n));
            }
            return new ReadOutcome(Outcome.REJECTED, rejected.reason() + ": " + rejected.detail(), List.of(), false,
                    Optional.of(rejected.reason()));
        }
        Validation.Accepted accepted = (Validation.Accepted) verdict;
        Optional<ReplayFloor> floor = state.lastValidatedFrameCounter().isEmpty() && state.lastHourlyValue().isEmpty()
                ? store.replayFloor(accepted.device()) : Optional.empty();
        if (floor.isPresent() && floor.get().frameCounter().isPresent() && accepted.frameCounter().isPresent()
                && Long.compareUnsigned(accepted.frameCounter().getAsLong(), floor.get().frameCounter().getAsLong()) <= 0) {
            // P2 §5.2 rule 1 across a re-installation of the same device: its counter "is never reset"
            return accept(channel, new Validation.Rejected(RejectionReason.OLD_FRAME_COUNTER, "frame counter "
                    + accepted.frameCounter().getAsLong() + ", last validated " + floor.get().frameCounter().getAsLong()
                    + " before the device was unbound"), what);
        }
        Reading reading = ReadingExtractor.extract(accepted.message(), accepted.device(), accepted.header(),
                state.status(), now.get());
        int before = state.status();
        int status = reading.errorFlags().orElse(before);
        Optional<HourlyValue> taken = taken(channel, state, floor.flatMap(ReplayFloor::lastCapture), reading.hourly());
        ChannelState next = state.withReading(reading.device(), reading.accessNumber(), status,
                reading.equipmentIdentifier(), reading.configurationMask(), reading.versions(), taken);
        if (reading.actual().isPresent() && state.lastActualValue()
                .filter(last -> !reading.actual().get().captureTime().isAfter(last.captureTime())).isEmpty()) {
            // README "Actual values": kept with its time, never in the hourly profile nor as its newest value
            next = next.withLastActualValue(reading.actual().get());
        }
        if (accepted.pendingKey()) {
            // P2 §6.5.1: the device "will use the newly received User key" — it answered with the pending key, so
            // it took it (a crash or a lost E5h kept the transfer from completing): the pending key becomes the user
            // key, committed before the answer is used; the status follows below with the channel state
            ChannelKeys promoted = store.keys(channel).promoted();
            store.putKeys(channel, promoted);
            LOG.info("{}: the device's answer validated with the pending user key: it is the user key now", channel);
            if (!promoted.encrypts()) {
                next = next.withKeyStatus(EncryptionKeyStatus.NO_ENCRYPTION_KEY);
            }
        }
        if (accepted.frameCounter().isPresent()) {
            next = next.withLastValidatedFrameCounter(accepted.frameCounter().getAsLong());
            if (next.keyStatus() != EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE) {
                // the device answered in mode 15 with our user key: it is in use (P2 §6.5.1), whatever the status
                // said (also after a crash between a key transfer's two commits: keys, then status)
                next = next.withKeyStatus(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE);
            }
        }
        // durability: store first, then act and publish. The hourly value goes into the history before the
        // channel state that names it the newest one: a crash between the two commits then leaves a value in the
        // history and the channel a step behind (the next read catches up), never a newest value that the
        // history lacks
        taken.ifPresent(value -> store.addHourlyValue(channel, value));
        store.put(next);
        if (reading.errorFlags().isPresent()) {
            for (MBusEventKind kind : StatusAlarms.raised(before, status)) {
                events.publish(channel, kind);
            }
            if (settings.clearStatusAutomatically() && (status & StatusAlarms.NON_PERMANENT) != 0) {
                clearStatus.accept(channel); // queued after this operation
            }
        }
        List<DataRecord> records = new ArrayList<>();
        for (DataRecord r : accepted.message().records()) {
            if (!DsmrRecords.isFrameCounter(r)) {
                records.add(r);
            }
        }
        LOG.debug("{}: accepted the answer of {} (access number {}, status {})", channel, reading.device(),
                reading.accessNumber(), status);
        repeats.clear(channel + " answers");
        // README "Communication error and OK", both media: only an accepted message of the device ends an error
        events.communicationSucceeded(channel);
        return new ReadOutcome(Outcome.DONE, "read " + reading.device()
                + reading.hourly().map(h -> ", hourly value " + h.value().toPlainString() + " " + h.unit() + " at "
                        + h.captureTime())
                        .or(() -> reading.actual().map(a -> ", actual value " + a.value().toPlainString() + " " + a.unit()
                                + " at " + a.captureTime()))
                        .orElse(", no hourly value in " + records.size() + " record(s)"), records,
                reading.hourly().isPresent() || reading.actual().isPresent(), Optional.empty());
    }
}
