package org.p2gate.master;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.command.CommandFrames;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.master.validation.ResponseValidator;
import org.p2gate.master.validation.Validation;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.FrameAdmission;
import org.p2gate.mbus.wireless.InstallationCandidate;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.mbus.wireless.WirelessCommand;
import org.p2gate.mbus.wireless.WirelessLink;
import org.p2gate.mbus.wireless.WirelessLinkException;
import org.p2gate.mbus.wireless.WirelessListener;
import org.p2gate.mbus.wireless.WirelessMessage;
import org.p2gate.mbus.wireless.WirelessSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's wireless channels (P2 4.2.2 §4.4, §5, §8.4): the T2 link on the master's own scheduler (so
 * its admission and the master's store never race), the admission of what bound meters send (validated as
 * wired answers are, then stored: §5.2 frame counter and fillers, Appendix A), and the master's commands for
 * them. A command waits for the meter's next frequent access cycle (after its hourly SND_NR), so it never
 * holds the master's operation queue: the link keeps one queue per meter.
 */
final class WirelessChannels implements FrameAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(WirelessChannels.class);

    private final MessageAcceptance acceptance;
    private final ChannelEvents events;
    private final MasterStore store;
    private final Scheduler scheduler;
    private final ResponseValidator validator = new ResponseValidator();
    private final WirelessLink link;
    /** When each bound device was last heard (any frame it sent that the admission accepted), or first checked. */
    private final Map<ShortId, Instant> lastHeard = new HashMap<>();
    /**
     * Bound devices heard sending what cannot be read for want of their user key, and since when (P2 §8.4.2.2: a meter
     * delivered with a user key the E-meter lacks): "waiting for the key", not silent.
     */
    private final Map<ShortId, Waiting> waitingForKey = new java.util.concurrent.ConcurrentHashMap<>();

    /** Since when a device waits for its key, and the user key the E-meter had then (a new one may read it). */
    private record Waiting(Instant since, Optional<AesKey> keyThen) {
    }
    /** The admission's outcome of each device's latest RSP_UD: what a read reports. */
    private final Map<ShortId, MessageAcceptance.ReadOutcome> answers = new HashMap<>();
    /** How long a device may wait for its key before its channel has a communication error. */
    static final Duration KEY_WAIT_LIMIT = Duration.ofHours(24);

    /**
     * How long a bound device may stay silent before its channel has a communication error
     * ({@link MasterSettings#wirelessSilenceLimit()}; zero: never).
     */
    private final Duration silenceLimit;

    WirelessChannels(MessageAcceptance acceptance, ChannelEvents events, MasterStore store, Scheduler scheduler, Radio radio,
            WirelessSettings settings, Duration silenceLimit) {
        this.silenceLimit = silenceLimit;
        this.acceptance = acceptance;
        this.events = events;
        this.store = store;
        this.scheduler = scheduler;
        this.link = new WirelessLink(radio, scheduler, settings, this, WirelessListener.NONE);
    }

    /** Opens the radio and registers every stored wireless binding with the link. */
    CompletableFuture<Void> open() {
        return link.open().thenRun(() -> {
            for (Channel channel : Channel.ALL) {
                if (store.channel(channel).binding().orElse(null) instanceof Binding.Wireless w) {
                    link.bind(w.shortId());
                }
            }
        });
    }

    CompletableFuture<Void> close() {
        return link.close();
    }

    String describe() {
        return link.describe();
    }

    /** P2 §8.4.2.1: a device is registered when its Short ID is written in a channel; CNF_IR follows its next SND_IR. */
    CompletableFuture<Void> register(ShortId device) {
        return link.bind(device);
    }

    CompletableFuture<Void> deregister(ShortId device) {
        return link.unbind(device);
    }

    /** The unregistered meters heard sending SND_IR (P2 §8.4.2.2: what the installer's display lists). */
    List<InstallationCandidate> installationCandidates() {
        return link.installationCandidates();
    }

    // ---- admission (P2 §5.2, DESIGN "Security": validate, store, then let the link act)

    @Override
    public Verdict check(WirelessMessage message) {
        Optional<Channel> channel = channelOf(message.device());
        if (channel.isEmpty()) {
            return Verdict.reject("no channel is bound to " + message.device());
        }
        MessageKind kind = message.kind();
        if (kind == MessageKind.ACK || kind == MessageKind.SND_IR) {
            // P2 §4.4.3: the ACK has "no application data, no encryption"; §8.4.2.1: the SND_IR of a registered
            // device is confirmed, nothing else follows from it
            heard(channel.get(), message.device());
            return Verdict.ACCEPT;
        }
        ChannelState state = store.channel(channel.get());
        Validation verdict = validator.validate(message.frame(), state, store.keys(channel.get()));
        MessageAcceptance.ReadOutcome outcome = acceptance.accept(channel.get(), verdict, kind + " of " + message.device());
        if (kind == MessageKind.RSP_UD) {
            answers.put(message.device(), outcome);
        }
        if (outcome.outcome() == Outcome.DONE) {
            if (waitingForKey.remove(message.device()) != null) {
                LOG.info("{}: {} is read with its key: no longer waiting for it", channel.get(), message.device());
            }
            heard(channel.get(), message.device());
            return Verdict.ACCEPT;
        }
        if (verdict instanceof Validation.Rejected rejected && keyUnknown(rejected.reason())) {
            waitsForKey(channel.get(), message.device());
            if (keyTransferWaits(state, channel.get())) {
                // P2 §8.4.2.4: a meter keyed by another E-meter is re-keyed here; the key exchange needs no key of ours
                return Verdict.rejectDataServeCycle(outcome.detail());
            }
        }
        return Verdict.reject(outcome.detail());
    }

    /** P2 §8.4.2.2: the device transmits, its messages cannot be read without its user key: waiting, not silent. */
    private void waitsForKey(Channel channel, ShortId device) {
        Instant now = scheduler.now();
        lastHeard.put(device, now);
        if (waitingForKey.putIfAbsent(device, new Waiting(now, store.keys(channel).userKey())) == null) {
            LOG.warn("{}: {} transmits, but its messages cannot be read without its user key: waiting for the key"
                    + " (set_encryption_key, or transfer_key; P2 §8.4.2.2); a communication error follows after {} h",
                    channel, device, KEY_WAIT_LIMIT.toHours());
        }
    }

    /** Since when the device bound to {@code channel} has been waiting for its key (P2 §8.4.2.2), if it is. */
    Optional<Instant> waitingForKeySince(Channel channel) {
        return store.channel(channel).binding().filter(b -> b instanceof Binding.Wireless)
                .map(b -> waitingForKey.get(((Binding.Wireless) b).shortId())).map(Waiting::since);
    }

    /** P2 §4.4: a cycle is worth opening unless the meter's answers cannot be read and no key transfer waits. */
    @Override
    public boolean cycleWanted(ShortId device) {
        Optional<Channel> channel = channelOf(device);
        Waiting waiting = waitingForKey.get(device);
        return channel.isPresent() && (waiting == null || keyTransferWaits(store.channel(channel.get()), channel.get())
                || !waiting.keyThen().equals(store.keys(channel.get()).userKey()));
    }

    private void heard(Channel channel, ShortId device) {
        lastHeard.put(device, scheduler.now()); // the OK event comes from MessageAcceptance, for accepted messages only
    }

    /**
     * At each poll: a bound device not heard for the silence limit (since it was heard, or since it was first checked
     * after a binding or a start) gets a communication error, once until it is heard again.
     */
    void checkSilence() {
        if (silenceLimit.isZero()) {
            return;
        }
        Instant now = scheduler.now();
        Set<ShortId> bound = new HashSet<>();
        for (Channel channel : Channel.ALL) {
            if (store.channel(channel).binding().orElse(null) instanceof Binding.Wireless w) {
                bound.add(w.shortId());
                Instant since = lastHeard.computeIfAbsent(w.shortId(), id -> now);
                Waiting waiting = waitingForKey.get(w.shortId());
                if (waiting != null) {
                    if (!waiting.since().plus(KEY_WAIT_LIMIT).isAfter(now)) {
                        events.communicationLost(channel, w.shortId() + " transmits, but nothing it sent since "
                                + waiting.since() + " could be read: its user key is missing (P2 §8.4.2.2)");
                    }
                } else if (!since.plus(silenceLimit).isAfter(now)) {
                    events.communicationLost(channel, "nothing heard from " + w.shortId() + " since " + since
                            + " (its hourly SND_NR are missing)");
                }
            }
        }
        lastHeard.keySet().retainAll(bound);
        waitingForKey.keySet().retainAll(bound);
    }

    /** A rejection because the E-meter lacks the meter's key: not a replay, not tampering with the frame counter. */
    private static boolean keyUnknown(RejectionReason reason) {
        return reason == RejectionReason.NO_USER_KEY || reason == RejectionReason.DECRYPTION_FAILED;
    }

    /** Whether a key transfer to the meter is under way (transferred or pending, P2 §6.5.1). */
    private boolean keyTransferWaits(ChannelState state, Channel channel) {
        return state.keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED
                || store.keys(channel).pendingUserKey().isPresent();
    }

    private Optional<Channel> channelOf(ShortId device) {
        Binding.Wireless wanted = new Binding.Wireless(device);
        for (Channel channel : Channel.ALL) {
            if (store.channel(channel).binding().filter(wanted::equals).isPresent()) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    // ---- commands, each in the meter's next frequent access cycle (P2 §4.4)

    /**
     * P2 §4.4.5: REQ_UD2 CI 80h; the RSP_UD is validated and stored through the admission. DONE only when it was
     * accepted and stored; otherwise the admission's outcome names the reason (REJECTED, INCOMPLETE).
     */
    CompletableFuture<CommandResult> read(Channel channel, ShortId device) {
        return send(channel, device, WirelessCommand.read("read"), ack -> "read " + device).thenApply(r -> {
            MessageAcceptance.ReadOutcome checked = answers.remove(device);
            if (!r.done()) {
                return r;
            }
            if (checked == null) {
                return CommandResult.of(channel, "read", Outcome.FAILED, "the RSP_UD of " + device + " was not checked");
            }
            return checked.result(channel, "read");
        });
    }

    /** P2 §4.4.4, §6.2.1: CI 6Ch, the E-meter's UTC time, mode 15 with a user key. */
    CompletableFuture<CommandResult> synchroniseClock(Channel channel, ShortId device) {
        long[] sent = {-1};
        return send(channel, device, encrypted(channel, "clock synchronisation", WirelessCommand.Request.CLOCK_SYNCHRONISATION,
                (key, fc) -> CommandFrames.clockPayload(LocalDateTime.ofInstant(scheduler.now(), ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS), key, device, fc), sent).withFreshData(), sent, ack -> {
            events.publish(channel, MBusEventKind.CLOCK_ADJUSTED);
            return "acknowledged";
        });
    }

    /** P2 §4.4.3: records (readout list, clear status) in CI 5Bh, mode 15 with a user key. */
    CompletableFuture<CommandResult> control(Channel channel, ShortId device, String name, List<DataRecord> records) {
        long[] sent = {-1};
        return send(channel, device, encrypted(channel, name, WirelessCommand.Request.CONTROL,
                (key, fc) -> CommandFrames.controlPayload(records, key, device, fc), sent), sent, ack -> "acknowledged");
    }

    /**
     * P2 §6.3.1 on the radio: the readout-list change, then REQ_UD2 CI 80h for the selected items; the FAC
     * ends with SND_NKE, which restores the default list (§6.3.2).
     */
    CompletableFuture<CommandResult> readSelected(Channel channel, ShortId device, List<ValueInformationBlock> selection) {
        List<DataRecord> records = new ArrayList<>();
        for (ValueInformationBlock vib : selection) {
            records.add(DsmrRecords.readoutSelection(vib));
        }
        CompletableFuture<CommandResult> change = control(channel, device, "readout list", records);
        CompletableFuture<CommandResult> read = read(channel, device); // queued behind it: the same FAC if it allows
        return change.thenCombine(read, (c, r) -> c.done() ? r : c);
    }

    /**
     * P2 §4.4.6, §6.5.1: the key_data in CI 5Bh with configuration word 0000h. With {@code userKey} known
     * (set_encryption_key first), it is committed as the pending key before it is sent, and becomes the user key
     * on the ACK ("set and transferred"); without it, the status is "transferred" and set_encryption_key
     * supplies the key later.
     */
    CompletableFuture<CommandResult> transferKey(Channel channel, ShortId device, byte[] keyData, Optional<AesKey> userKey) {
        String name = "transfer key";
        if (keyData.length != AesKey.LENGTH) {
            return CompletableFuture.completedFuture(CommandResult.of(channel, name, Outcome.REFUSED,
                    "key_data has 16 bytes, got " + keyData.length));
        }
        byte[] wrapped = keyData.clone();
        return onScheduler(() -> {
            // committed before it is queued: the meter may take the key whatever happens to its ACK (DESIGN "Durability")
            if (userKey.isPresent()) {
                store.putKeys(channel, store.keys(channel).withPendingUserKey(userKey.get()));
            } else {
                store.put(store.channel(channel).withKeyStatus(EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED));
            }
            WirelessCommand command = new WirelessCommand(name, WirelessCommand.Request.CONTROL, (target, acc, attempt) ->
                    new WirelessCommand.Encoded(ConfigurationWord.NONE, CommandFrames.keyTransfer(wrapped)));
            return send(channel, device, command, ack -> {
                if (userKey.isEmpty()) {
                    return "the meter has the new user key; the E-meter reads its messages once set_encryption_key gives it";
                }
                ChannelKeys keys = store.keys(channel);
                store.putKeys(channel, new ChannelKeys(keys.defaultKey(), userKey, Optional.empty()));
                EncryptionKeyStatus status = userKey.get().isZero() ? EncryptionKeyStatus.NO_ENCRYPTION_KEY
                        : EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED;
                store.put(store.channel(channel).withKeyStatus(status));
                return "the meter has the new user key; key status " + status;
            });
        });
    }

    /** The payload of one attempt, given the key to use (empty: in clear) and the frame counter. */
    @FunctionalInterface
    private interface Encoding {
        CommandFrames.Payload encode(Optional<AesKey> key, long frameCounter);
    }

    /**
     * A command in mode 15 when the channel has a user key: each attempt takes a new frame counter above the
     * predicted one (the last validated + 1) and the last sent one, recorded before it is used (P2 §5.2: never a
     * counter not on record).
     */
    /** {@code sent[0]} is set to the frame counter of the latest attempt (-1: in clear). */
    private WirelessCommand encrypted(Channel channel, String name, WirelessCommand.Request request, Encoding encoding,
            long[] sent) {
        return new WirelessCommand(name, request, (target, acc, attempt) -> {
            ChannelKeys keys = store.keys(channel);
            Optional<AesKey> key = keys.encrypts() ? keys.userKey() : Optional.empty();
            long fc = 0;
            if (key.isPresent()) {
                ChannelState state = store.channel(channel);
                // P2 §5.2 note: encoded ahead, armed in the radio before the meter's message that releases it, which
                // takes the validated counter + 1: predict past it
                long last = Math.max(state.lastValidatedFrameCounter().orElse(0) + 1, state.lastSentFrameCounter().orElse(0));
                if (last >= Mode15Cipher.MAX_FRAME_COUNTER) {
                    throw new IllegalStateException("the frame counter is exhausted (P2 §5.2)");
                }
                fc = last + 1;
                store.put(state.withLastSentFrameCounter(fc));
            }
            sent[0] = key.isPresent() ? fc : -1;
            CommandFrames.Payload payload = encoding.encode(key, fc);
            return new WirelessCommand.Encoded(payload.configuration(), payload.data());
        });
    }

    /** Queues {@code command} for the meter; its result once the meter answered it (or the link gave up). */
    private CompletableFuture<CommandResult> send(Channel channel, ShortId device, WirelessCommand command,
            Function<WirelessFrame, String> onAnswer) {
        return send(channel, device, command, new long[] {-1}, onAnswer);
    }

    /** {@code sent[0]}: the frame counter the command's answered attempt carried (-1: none). */
    private CompletableFuture<CommandResult> send(Channel channel, ShortId device, WirelessCommand command, long[] sent,
            Function<WirelessFrame, String> onAnswer) {
        String name = command.name();
        return link.submit(device, command).handle((answer, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                String detail = cause instanceof WirelessLinkException wle ? wle.kind() + ": " + wle.getMessage()
                        : cause.toString();
                LOG.warn("{}: {} for {} not delivered: {}", channel, name, device, detail);
                return CommandResult.of(channel, name, Outcome.FAILED, detail);
            }
            ChannelState state = store.channel(channel);
            // P2 §5.2: the meter acknowledged the counter this command carried; its next message counts on from it
            if (sent[0] >= 0 && command.request().expectsAck() && state.lastValidatedFrameCounter().orElse(-1) < sent[0]) {
                store.put(state.withLastValidatedFrameCounter(sent[0]));
            }
            String detail = onAnswer.apply(answer);
            LOG.info("{}: {} for {}: {}", channel, name, device, detail);
            return CommandResult.of(channel, name, Outcome.DONE, detail);
        });
    }

    /** Runs {@code work} on the master's scheduler (the store's one writer besides the admission, which runs there too). */
    private <T> CompletableFuture<T> onScheduler(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        scheduler.execute(() -> work.get().whenComplete((value, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(value);
            }
        }));
        return out;
    }
}
