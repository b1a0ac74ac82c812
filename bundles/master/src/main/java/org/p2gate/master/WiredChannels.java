package org.p2gate.master;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.MessageAcceptance.ReadOutcome;
import org.p2gate.master.command.CommandFrames;
import org.p2gate.master.validation.ResponseValidator;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.master.validation.Validation;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.LinkException;
import org.p2gate.mbus.wired.Repeats;
import org.p2gate.mbus.wired.ScanListener;
import org.p2gate.mbus.wired.ScanResult;
import org.p2gate.mbus.wired.WiredLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's wired channels (P2 4.2.2 §4.3, §5, §6, §8.3): the REQ_UD2 read of a channel's device, its answer
 * validated and stored through the {@link MessageAcceptance}; the SND_UD commands with their frame counters
 * (§5.2, see {@link P2Master}); discovery and primary addresses. Each call runs inside one operation of the
 * master's queue, in a task of its scheduler, and the link's callbacks are brought back onto that scheduler.
 * The channel's binding was checked by the caller: {@code address} is the primary address it is bound to.
 */
final class WiredChannels {

    private static final Logger LOG = LoggerFactory.getLogger(WiredChannels.class);

    private final MessageAcceptance acceptance;
    private final ChannelEvents events;
    private final MasterStore store;
    private final Scheduler scheduler;
    private final MasterSettings settings;
    private final ResponseValidator validator = new ResponseValidator();
    private final WiredLink link;

    // touched only in the scheduler's tasks
    /** The E-meter's access number in the headers it sends (P2 §4.3.3, §4.3.4: "Access Counter (of E-meter)"). */
    private int accessNumber;
    /** Per channel: reads that ended {@link Outcome#INCOMPLETE}. */
    private final AtomicLongArray incompleteReads = new AtomicLongArray(Channel.MAX + 1);
    /** Per channel: answers with the ACD or DFC bit (EN 13757-2 C = 18h, 28h, 38h). */
    private final AtomicLongArray accessDemands = new AtomicLongArray(Channel.MAX + 1);
    private final Repeats repeats = new Repeats();
    /** Per channel: the access number and application data of the last unencrypted answer validated (P2 §3.1.2). */
    private final int[] lastAccess = new int[Channel.MAX + 1];
    private final byte[][] lastContent = new byte[Channel.MAX + 1][];

    WiredChannels(MessageAcceptance acceptance, ChannelEvents events, MasterStore store, Scheduler scheduler,
            WiredLink link, MasterSettings settings) {
        this.acceptance = acceptance;
        this.events = events;
        this.store = store;
        this.scheduler = scheduler;
        this.link = link;
        this.settings = settings;
    }

    String describe() {
        return link.describe();
    }

    // ---- discovery (P2 §8.3.1)

    /** SND_NKE and REQ_UD2 to each of {@code addresses}; the answers are not validated or stored. */
    CompletableFuture<ScanResult> scan(List<Integer> addresses) {
        return onMaster(link.scan(addresses, ScanListener.NONE));
    }

    /** P2 §6.2.2 for an unbound device: CI 51h, DIF 01 VIF 7A, unencrypted; refused if a channel has either address. */
    CompletableFuture<CommandResult> assignAddress(Channel channel, int from, int to) {
        String name = "assign address";
        if (from < 0 || from > WiredLink.MAX_ADDRESS || to < 1 || to > WiredLink.MAX_ADDRESS) {
            return done(channel, name, Outcome.REFUSED, "addresses are 0..250 (from) and 1..250 (to), got " + from
                    + " and " + to);
        }
        for (Channel other : Channel.ALL) {
            Optional<Binding> bound = store.channel(other).binding();
            if (bound.equals(Optional.of(new Binding.Wired(to)))
                    || from > 0 && bound.equals(Optional.of(new Binding.Wired(from)))) {
                return done(channel, name, Outcome.REFUSED, other + " is bound to address " + (from > 0
                        && bound.equals(Optional.of(new Binding.Wired(from))) ? from : to));
            }
        }
        return onMaster(link.setPrimaryAddress(from, to)).handle((ok, error) -> error == null
                ? CommandResult.of(channel, name, Outcome.DONE, "the device at " + from + " has address " + to + " now")
                : CommandResult.of(channel, name, Outcome.FAILED, describe(error)));
    }

    /** P2 §6.2.2: CI 51h, DIF 01 VIF 7A, only while the channel has no user key; the binding follows. */
    CompletableFuture<CommandResult> setPrimaryAddress(Channel channel, int address, int newAddress) {
        String name = "set primary address";
        if (store.keys(channel).encrypts()) {
            return done(channel, name, Outcome.REFUSED, "the device has a user key and ignores a new address "
                    + "(P2 §6.2.2); set the user key to zero first");
        }
        if (store.keys(channel).mayEncrypt()) {
            return done(channel, name, Outcome.REFUSED, "a user key transfer was not acknowledged: the device may have"
                    + " the key and ignore a new address (P2 §6.2.2); read the device or transfer the zero key first");
        }
        if (newAddress < 1 || newAddress > WiredLink.MAX_ADDRESS) {
            return done(channel, name, Outcome.REFUSED, "a primary address is 1..250, got " + newAddress);
        }
        for (Channel other : Channel.ALL) {
            if (other != channel && store.channel(other).binding().filter(new Binding.Wired(newAddress)::equals).isPresent()) {
                return done(channel, name, Outcome.REFUSED, "address " + newAddress + " is bound to " + other);
            }
        }
        return onMaster(link.setPrimaryAddress(address, newAddress)).handle((ok, error) -> {
            if (error != null) {
                communicationFailed(channel, name, error);
                return CommandResult.of(channel, name, Outcome.FAILED, describe(error));
            }
            store.put(store.channel(channel).withBinding(Optional.of(new Binding.Wired(newAddress))));
            return CommandResult.of(channel, name, Outcome.DONE, "moved from " + address + " to " + newAddress);
        });
    }

    // ---- reading

    /**
     * P2 §4.3.2: REQ_UD2; the answer is validated, then stored. An accepted answer without the hourly value (P2 §6.1)
     * means the device's readout list is not the default one (issue 16: the SND_NKE after a readout-list read was
     * lost, and the device kept sending only the selected records): the master restores it with SND_NKE (§6.3.2,
     * §4.3.1) and reads again. A second answer without the value is {@link Outcome#INCOMPLETE}, never done.
     */
    CompletableFuture<CommandResult> read(Channel channel, int address) {
        String name = "read";
        return readNow(channel, address).thenCompose(first -> {
            if (!first.withoutValue()) {
                return CompletableFuture.completedFuture(first.result(channel, name));
            }
            LOG.debug("{}: {} without the hourly value; restoring the readout list with SND_NKE", channel, first.detail());
            return onMaster(link.sndNke(address)).handle((ok, error) -> error).thenCompose(error -> {
                if (error != null) {
                    communicationFailed(channel, "SND_NKE", error);
                    return CompletableFuture.completedFuture(incomplete(channel, first, "the answer had no hourly value and "
                            + "restoring the readout list with SND_NKE failed: " + describe(error)));
                }
                return readNow(channel, address).thenApply(second -> second.withoutValue()
                        ? incomplete(channel, second, "the answer had no hourly value, also after restoring the readout "
                                + "list with SND_NKE (P2 §6.3.2)")
                        : second.result(channel, name));
            });
        });
    }

    private CommandResult incomplete(Channel channel, ReadOutcome read, String why) {
        incompleteReads.incrementAndGet(channel.number());
        return new CommandResult(channel, "read", Outcome.INCOMPLETE, why + ": " + read.detail(), read.records());
    }

    /** How many reads of {@code channel} ended {@link Outcome#INCOMPLETE} (since start; any thread). */
    long incompleteReads(Channel channel) {
        return incompleteReads.get(channel.number());
    }

    /**
     * P2 §3.1.2: "At the Control Layer, the Access Number shall be used to detect communication failures." The device
     * counts its access number up with every RSP_UD (EN 13757-3, P2 §4.2.4); an unencrypted answer with the access
     * number and the content of the last one accepted is that answer again (a repeat, not a reading), and is rejected.
     * Mode-15 answers have the frame counter for this (§5.2 rule 1).
     */
    private Validation repeated(Channel channel, Validation verdict) {
        if (!(verdict instanceof Validation.Accepted accepted) || accepted.frameCounter().isPresent()) {
            return verdict;
        }
        int n = channel.number();
        byte[] content = accepted.message().applicationData();
        int acc = accepted.header().accessNumber();
        if (lastAccess[n] == acc && java.util.Arrays.equals(lastContent[n], content)) {
            return new Validation.Rejected(RejectionReason.REPEATED_ANSWER, "access number " + acc
                    + " and content of the last answer accepted");
        }
        lastAccess[n] = acc;
        lastContent[n] = content;
        return verdict;
    }

    /** How many answers of {@code channel}'s device had the ACD or DFC bit set (since start; any thread). */
    long accessDemands(Channel channel) {
        return accessDemands.get(channel.number());
    }

    /** REQ_UD2, validate, store (P2 §4.3.2, §5.2, Appendix A); completes on the master's scheduler. */
    private CompletableFuture<ReadOutcome> readNow(Channel channel, int address) {
        return onMaster(link.reqUd2(address)).handle((frame, error) -> {
            if (error != null) {
                communicationFailed(channel, "REQ_UD2", error);
                return new ReadOutcome(Outcome.FAILED, describe(error), List.of());
            }
            return accept(channel, frame);
        });
    }

    private ReadOutcome accept(Channel channel, LongFrame frame) {
        if (frame.c().acd() || frame.c().dfc()) {
            // README "RSP_UD with ACD or DFC": EN 13757-2 status bits of the secondary station; DSMR reads no class 1
            // data (REQ_UD1 is not used, P2 §3.1.2) and sends one request at a time: the answer is used, the bits noted
            accessDemands.incrementAndGet(channel.number());
            long n = repeats.note(channel + " C-field", "ACD/DFC");
            if (Repeats.logs(n)) {
                LOG.info("{}: the answer of primary address {} has C = {} (ACD: class 1 data waiting, DFC: no more data"
                        + " accepted); DSMR reads neither, the answer is used{}", channel, frame.address(), frame.c(),
                        Repeats.times(n));
            }
        }
        ChannelState state = store.channel(channel);
        Validation verdict = repeated(channel, validator.validate(frame, state, store.keys(channel)));
        ReadOutcome read = acceptance.accept(channel, verdict, "the answer of primary address " + frame.address());
        if (read.communicationFailed()) {
            // README "Communication error and OK": an answer counts once it is accepted (MessageAcceptance); a foreign,
            // replayed or malformed one is a failed exchange like no answer
            events.communicationError(channel);
        }
        return read;
    }

    // ---- commands

    /** P2 §4.3.4, §6.2.1: CI 6Ch, TC 00h, type I UTC (mode 15 with a user key); "clock adjusted" when acknowledged. */
    CompletableFuture<CommandResult> synchroniseClock(Channel channel, int address) {
        return command(channel, address, "clock synchronisation", (device, key, fc) -> new Request(CommandFrames.CI_CLOCK,
                CommandFrames.clockSynchronisation(nextAccess(), device, LocalDateTime.ofInstant(scheduler.now(),
                        ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), key, fc)))
                .thenApply(result -> {
                    if (result.done()) {
                        events.publish(channel, MBusEventKind.CLOCK_ADJUSTED);
                    }
                    return result;
                });
    }

    /** P2 §4.3.4: {@code records} in a SND_UD CI 5Ah (mode 15 with a user key). */
    CompletableFuture<CommandResult> control(Channel channel, int address, String name, List<DataRecord> records) {
        return command(channel, address, name, (device, key, fc) -> new Request(CommandFrames.CI_CONTROL,
                CommandFrames.control(nextAccess(), records, key, device, fc)));
    }

    /**
     * P2 §6.3.1: the readout-list change ({@code records}; its retries, at most {@link MasterSettings#readoutListRetries()},
     * are those of every command: {@link #transmit}), REQ_UD2, then SND_NKE to restore the default list (§6.3.2),
     * whatever happened.
     */
    CompletableFuture<CommandResult> readSelected(Channel channel, int address, List<DataRecord> records) {
        String name = "readout list";
        return control(channel, address, name, records)
                .thenCompose(change -> {
                    if (!change.done()) {
                        return CompletableFuture.completedFuture(change);
                    }
                    return readNow(channel, address).thenApply(r -> r.result(channel, name));
                })
                .thenCompose(result -> onMaster(link.sndNke(address)).handle((ok, error) -> {
                    if (error != null) {
                        communicationFailed(channel, "SND_NKE", error);
                        LOG.warn("{}: restoring the default readout list with SND_NKE failed: {}", channel, describe(error));
                    }
                    return result;
                }));
    }

    /**
     * P2 §6.5.1: {@code wrapped} (the key_data) in an unencrypted SND_UD CI 51h. With {@code userKey} (the same key
     * in plain), see {@link P2Master#transferKey(Channel, byte[], AesKey)}; without it, the status is "transferred"
     * and set_encryption_key supplies the key later ({@link P2Master#transferKey(Channel, byte[])}).
     */
    CompletableFuture<CommandResult> transferKey(Channel channel, int address, byte[] wrapped, Optional<AesKey> userKey) {
        if (wrapped.length != AesKey.LENGTH) {
            return done(channel, "transfer key", Outcome.REFUSED, "key_data has 16 bytes, got " + wrapped.length);
        }
        return userKey.isPresent() ? transferKnownKey(channel, address, wrapped, userKey.get())
                : transferUnknownKey(channel, address, wrapped);
    }

    private CompletableFuture<CommandResult> transferKnownKey(Channel channel, int address, byte[] wrapped, AesKey userKey) {
        String name = "transfer key";
        CompletableFuture<?> resolved = store.keys(channel).pendingUserKey().isPresent()
                ? readNow(channel, address) // the outcome does not matter: a read validating with the pending key promotes it
                : CompletableFuture.completedFuture(null);
        return resolved.thenCompose(ignored -> {
            // commit before acting: the device may take the key even if its E5h or this master does not survive
            store.putKeys(channel, store.keys(channel).withPendingUserKey(userKey));
            return onMaster(link.sndUd(address, CommandFrames.CI_UNENCRYPTED, CommandFrames.keyTransfer(wrapped)));
        }).handle((ok, error) -> {
            if (error != null) {
                if (!(cause(error) instanceof LinkException)) {
                    throw new CompletionException(cause(error)); // not the link: e.g. the store failed
                }
                communicationFailed(channel, name, error);
                return CommandResult.of(channel, name, Outcome.FAILED, describe(error)
                        + "; the device may or may not have taken the key: the master keeps it pending and takes it"
                        + " into use when an answer of the device validates with it; or transfer it again");
            }
            ChannelKeys keys = store.keys(channel);
            store.putKeys(channel, new ChannelKeys(keys.defaultKey(), Optional.of(userKey), Optional.empty()));
            // the E-meter has the key (set) and the device acknowledged it (transferred)
            EncryptionKeyStatus status = userKey.isZero() ? EncryptionKeyStatus.NO_ENCRYPTION_KEY
                    : EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED;
            store.put(store.channel(channel).withKeyStatus(status));
            return CommandResult.of(channel, name, Outcome.DONE, userKey.isZero()
                    ? "the device has no user key now: it sends unencrypted"
                    : "the device has the new user key; key status " + status);
        });
    }

    private CompletableFuture<CommandResult> transferUnknownKey(Channel channel, int address, byte[] wrapped) {
        String name = "transfer key";
        // committed before acting: the device may take the key whatever happens to its E5h
        store.put(store.channel(channel).withKeyStatus(EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED));
        return onMaster(link.sndUd(address, CommandFrames.CI_UNENCRYPTED, CommandFrames.keyTransfer(wrapped)))
                .handle((ok, error) -> {
                    if (error != null) {
                        communicationFailed(channel, name, error);
                        return CommandResult.of(channel, name, Outcome.FAILED, describe(error)
                                + "; the device may or may not have taken the key: give it with set_encryption_key,"
                                + " or transfer it again");
                    }
                    return CommandResult.of(channel, name, Outcome.DONE, "the device has the new user key; the "
                            + "E-meter reads its answers once set_encryption_key gives the key");
                });
    }

    // ---- the SND_UD command pattern with frame counters

    /** The CI and user data of one SND_UD. */
    private record Request(int ci, byte[] data) {}

    @FunctionalInterface
    private interface RequestBuilder {
        /** The request for the device, encrypted with {@code key} and {@code frameCounter} if a key is given. */
        Request build(ShortId device, Optional<AesKey> key, long frameCounter);
    }

    /**
     * One SND_UD command (CI 5Ah or 6Ch): learns the device (and its frame counter, for mode 15) with a
     * REQ_UD2 first if they are not known, records the frame counter it sends before sending it (P2
     * §5.2), and resynchronises with REQ_UD2 when the device does not answer.
     */
    private CompletableFuture<CommandResult> command(Channel channel, int address, String name, RequestBuilder builder) {
        ChannelState known = store.channel(channel);
        boolean encrypts = store.keys(channel).encrypts();
        CompletableFuture<Optional<CommandResult>> prepared;
        if (known.device().isEmpty() || encrypts && known.lastValidatedFrameCounter().isEmpty()) {
            // P2 §5.2: "the E-meter shall issue a REQ_UD2, to establish the current value of the frame counter"
            prepared = readNow(channel, address).thenApply(r -> r.outcome() == Outcome.DONE ? Optional.empty()
                    : Optional.of(CommandResult.of(channel, name, r.outcome(), "learning the device and its frame counter "
                            + "with REQ_UD2 first: " + r.detail())));
        } else {
            prepared = CompletableFuture.completedFuture(Optional.empty());
        }
        return prepared.thenCompose(failed -> failed.isPresent() ? CompletableFuture.completedFuture(failed.get())
                : transmit(channel, address, name, builder, settings.readoutListRetries()));
    }

    /**
     * One transmission of a command, built afresh: a new frame counter (recorded before it is sent, P2 §5.2) and a new
     * access number. The link sends it once; the retries after a missing or invalid answer are counted here and only
     * here (§6.3.1: "a maximum of 2 retries"; issue 15 item 8: the link's repeats multiplied with the master's and
     * reused the frame counter, which a conforming device ignores). After no answer, REQ_UD2 re-establishes the
     * device's frame counter first (§5.2).
     */
    private CompletableFuture<CommandResult> transmit(Channel channel, int address, String name, RequestBuilder builder,
            int retriesLeft) {
        ChannelState state = store.channel(channel);
        ChannelKeys keys = store.keys(channel);
        Optional<AesKey> key = keys.encrypts() ? keys.userKey() : Optional.empty();
        long fc = 0;
        if (key.isPresent()) {
            long last = Math.max(state.lastValidatedFrameCounter().orElse(0), state.lastSentFrameCounter().orElse(0));
            if (last >= Mode15Cipher.MAX_FRAME_COUNTER) {
                return done(channel, name, Outcome.REFUSED, "the frame counter is exhausted (P2 §5.2)");
            }
            fc = last + 1;
            store.put(state.withLastSentFrameCounter(fc)); // never send a counter that is not on record
        }
        Request request = builder.build(state.device().orElseThrow(), key, fc);
        long sent = fc;
        String counter = key.isPresent() ? " (frame counter " + sent + ")" : "";
        return onMaster(link.sndUdOnce(address, request.ci(), request.data())).handle((ok, error) -> error)
                .thenCompose(error -> {
                    if (error == null) {
                        if (key.isPresent()) {
                            // P2 §5.2: the device validated our counter; its next message counts on from it
                            ChannelState now = store.channel(channel);
                            if (now.lastValidatedFrameCounter().orElse(-1) < sent) {
                                store.put(now.withLastValidatedFrameCounter(sent));
                            }
                        }
                        return done(channel, name, Outcome.DONE, "acknowledged" + (key.isPresent()
                                ? " (mode 15, frame counter " + sent + ")" : " (unencrypted, no user key)"));
                    }
                    if (!(cause(error) instanceof LinkException le) || le.kind() == LinkException.Kind.CLOSED
                            || le.kind() == LinkException.Kind.TRANSPORT_FAILED) {
                        communicationFailed(channel, name, error);
                        return done(channel, name, Outcome.FAILED, describe(error));
                    }
                    // P2 §5.2: "If the G-meter does not respond to the commands of the E-meter, the E-meter shall issue
                    // a REQ_UD2, to establish the current value of the frame counter"
                    CompletableFuture<Optional<ReadOutcome>> resync = le.kind() == LinkException.Kind.NO_ANSWER
                            ? readNow(channel, address).thenApply(Optional::of)
                            : CompletableFuture.completedFuture(Optional.empty());
                    return resync.thenCompose(read -> {
                        boolean resynchronised = read.map(r -> r.outcome() == Outcome.DONE).orElse(true);
                        if (retriesLeft > 0 && resynchronised) {
                            LOG.info("{}: {} to address {}{}: {}; retrying with a fresh frame counter, {} retr{} left",
                                    channel, name, address, counter, le.kind(), retriesLeft, retriesLeft == 1 ? "y" : "ies");
                            return transmit(channel, address, name, builder, retriesLeft - 1);
                        }
                        if (read.isPresent()) {
                            LOG.warn("{}: the device at {} did not answer {}{}; resynchronised with REQ_UD2", channel,
                                    address, name, counter);
                            ReadOutcome r = read.get();
                            return done(channel, name, r.outcome() == Outcome.DONE ? Outcome.IGNORED : r.outcome(),
                                    "the device did not answer" + counter + "; resynchronising with REQ_UD2: " + r.detail());
                        }
                        communicationFailed(channel, name, error);
                        return done(channel, name, Outcome.FAILED, describe(error));
                    });
                });
    }

    private int nextAccess() {
        accessNumber = (accessNumber + 1) & 0xFF;
        return accessNumber;
    }

    // ---- helpers

    /** {@code future}'s outcome, delivered in a task of the master's scheduler. */
    private <T> CompletableFuture<T> onMaster(CompletableFuture<T> future) {
        return scheduler.completeOn(future);
    }

    /** P3 M-Bus events 100 + 10(x−1): communication error after the link's retries failed, once until it recovers. */
    private void communicationFailed(Channel channel, String what, Throwable error) {
        Throwable e = cause(error);
        // the operation's result carries the failure and is logged once (issue 16: not by three classes)
        LOG.debug("{}: {} failed: {}", channel, what, describe(e));
        if (e instanceof LinkException le && le.kind() == LinkException.Kind.CLOSED) {
            return; // the master is shutting down, not the device failing
        }
        events.communicationError(channel);
    }

    private static CompletableFuture<CommandResult> done(Channel channel, String name, Outcome outcome, String detail) {
        return CompletableFuture.completedFuture(CommandResult.of(channel, name, outcome, detail));
    }

    private static Throwable cause(Throwable error) {
        return Scheduler.unwrap(error);
    }

    /** A failure for a person: the link's kind of failure and its message, or the exception. */
    static String describe(Throwable error) {
        Throwable e = cause(error);
        return e instanceof LinkException le ? le.kind() + ": " + le.getMessage() : e.toString();
    }
}
