package org.p2gate.master;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.reading.Reading;
import org.p2gate.master.reading.ReadingExtractor;
import org.p2gate.master.validation.RejectionCounter;
import org.p2gate.master.validation.Validation;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
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

    MessageAcceptance(MasterStore store, MasterSettings settings, RejectionCounter rejections, ChannelEvents events,
            Consumer<Channel> clearStatus) {
        this.store = store;
        this.settings = settings;
        this.rejections = rejections;
        this.events = events;
        this.clearStatus = clearStatus;
    }

    /** The outcome of one REQ_UD2: accepted (and stored), rejected, or failed on the link. */
    record ReadOutcome(Outcome outcome, String detail, List<DataRecord> records) {
        CommandResult result(Channel channel, String command) {
            return new CommandResult(channel, command, outcome, detail, records);
        }
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
            LOG.warn("{}: rejected {}: {} — {}; it is not used", channel, what, rejected.reason().description(),
                    rejected.detail());
            return new ReadOutcome(Outcome.REJECTED, rejected.reason() + ": " + rejected.detail(), List.of());
        }
        Validation.Accepted accepted = (Validation.Accepted) verdict;
        Reading reading = ReadingExtractor.extract(accepted.message(), accepted.device(), accepted.header());
        int before = state.status();
        int status = reading.errorFlags().orElse(before);
        ChannelState next = state.withReading(reading.device(), reading.accessNumber(), status,
                reading.equipmentIdentifier(), reading.configurationMask(), reading.versions(), reading.hourly());
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
        if (reading.hourly().isPresent() && state.lastHourlyValue().isPresent()
                && reading.hourly().get().captureTime().isBefore(state.lastHourlyValue().get().captureTime())) {
            // P2 §5.2: "the timestamp and reading in the RSP_UD ... will make sure these are easily spotted"
            LOG.warn("{}: the hourly value's time stamp {} is older than the last one {}", channel,
                    reading.hourly().get().captureTime(), state.lastHourlyValue().get().captureTime());
        }
        // durability: store first, then act and publish. The hourly value goes into the history before the
        // channel state that names it the newest one: a crash between the two commits then leaves a value in the
        // history and the channel a step behind (the next read catches up), never a newest value that the
        // history lacks
        reading.hourly().ifPresent(value -> store.addHourlyValue(channel, value));
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
        return new ReadOutcome(Outcome.DONE, "read " + reading.device()
                + reading.hourly().map(h -> ", hourly value " + h.value().toPlainString() + " " + h.unit() + " at "
                        + h.captureTime()).orElse(""), records);
    }
}
