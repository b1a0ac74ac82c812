package org.p2gate.master;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.p2gate.clock.OperationQueue;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.command.CommandFrames;
import org.p2gate.master.reading.Reading;
import org.p2gate.master.reading.ReadingExtractor;
import org.p2gate.master.validation.RejectionCounter;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.master.validation.ResponseValidator;
import org.p2gate.master.validation.Validation;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.LinkException;
import org.p2gate.mbus.wired.ScanListener;
import org.p2gate.mbus.wired.ScanResult;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.mbus.wireless.InstallationCandidate;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.mbus.wireless.WirelessSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSMR P2 master for wired M-Bus channels 1..4 (P2 4.2.2 §1.2, §4.3, §5, §6, Appendix A): polls
 * every bound channel at every whole hour, validates each answer before use, stores what it read,
 * runs the commands of §6.2/§6.3/§6.5 and raises the DSMR M-Bus events.
 *
 * <p>All its work runs in tasks of its {@link Scheduler}, one operation at a time (reads and commands
 * queue in one FIFO); link callbacks are brought back onto that scheduler. Every change is committed
 * to the {@link MasterStore} before it is acted on or published (DESIGN.md "Durability").
 *
 * <p>Frame counters (P2 §5.2): the device owns the counter. The master accepts a mode-15 answer only
 * with a counter above the last validated one, stores it, and sends its own encrypted commands with
 * {@code max(last validated, last sent) + 1}, recording the sent counter before sending; a command
 * the device acknowledges makes its counter the validated one (the device validated it). When the
 * device ignores a command, the master resynchronises with REQ_UD2 and reports the command as
 * {@link Outcome#IGNORED}.
 */
public final class P2Master {

    private static final Logger LOG = LoggerFactory.getLogger(P2Master.class);

    /** P2 §6.4.2: model/version, hardware, metrology firmware, other firmware (VIF FD, VIFE 0Ch..0Fh). */
    public static final List<ValueInformationBlock> VERSION_ITEMS = List.of(ValueInformationBlock.of(0xFD, 0x0C),
            ValueInformationBlock.of(0xFD, 0x0D), ValueInformationBlock.of(0xFD, 0x0E), ValueInformationBlock.of(0xFD, 0x0F));

    /** The wired M-Bus, if the gateway has one. */
    private final Optional<WiredLink> wiredLink;
    /** The wireless M-Bus (T2), if the gateway has a radio. */
    private final Optional<WirelessChannels> wireless;
    private final Scheduler scheduler;
    private final MasterStore store;
    private final EventSink events;
    private final MasterSettings settings;
    private final ResponseValidator validator = new ResponseValidator();
    private final RejectionCounter rejections = new RejectionCounter();
    private final OperationQueue operations;

    // touched only in the scheduler's tasks
    /** Whether the last exchange with a channel's device failed (for the error/OK events; not durable). */
    private final boolean[] communicationError = new boolean[Channel.MAX + 1];
    /** The E-meter's access number in the headers it sends (P2 §4.3.3, §4.3.4: "Access Counter (of E-meter)"). */
    private int accessNumber;
    private Scheduler.Scheduled nextPoll;
    private Scheduler.Scheduled nextClockSync;
    private boolean started;

    /**
     * @param link      the wired M-Bus link (opened by the caller)
     * @param scheduler the master's one worker and clock
     * @param store     the durable state
     * @param events    where events go after they are stored
     * @param settings  poll interval and command options
     */
    public P2Master(WiredLink link, Scheduler scheduler, MasterStore store, EventSink events, MasterSettings settings) {
        this(Optional.of(Objects.requireNonNull(link, "link")), Optional.empty(), WirelessSettings.dsmr(), scheduler, store,
                events, settings);
    }

    /**
     * A master on a wired M-Bus, a radio, or both.
     *
     * @param wiredLink        the wired M-Bus link (opened by the caller), if any
     * @param radio            the wireless M-Bus radio, if any: the master runs the T2 link on it, on its own scheduler,
     *                         opened by {@link #start()}
     * @param wirelessSettings the T2 link's timing
     */
    public P2Master(Optional<WiredLink> wiredLink, Optional<Radio> radio, WirelessSettings wirelessSettings,
            Scheduler scheduler, MasterStore store, EventSink events, MasterSettings settings) {
        this.wiredLink = Objects.requireNonNull(wiredLink, "wiredLink");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.operations = new OperationQueue(scheduler);
        this.wireless = radio.map(r -> new WirelessChannels(this, store, scheduler, r, wirelessSettings));
    }

    // ---- polling

    /**
     * Starts hourly polling (the first poll {@link #POLL_DELAY} after the next multiple of the poll interval (UTC)) and
     * the daily clock synchronisation at {@link MasterSettings#clockSyncHour()} UTC.
     */
    public void start() {
        scheduler.execute(() -> {
            if (!started) {
                started = true;
                scheduleNextPoll();
                scheduleNextClockSync();
                wireless.ifPresent(w -> w.open().whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.error("cannot open the wireless M-Bus on {}: {}", w.describe(), describe(error));
                    }
                }));
            }
        });
    }

    /** Stops polling and the daily clock synchronisation; operations already queued still run. */
    public void stop() {
        scheduler.execute(() -> {
            started = false;
            if (nextPoll != null) {
                nextPoll.cancel();
                nextPoll = null;
            }
            if (nextClockSync != null) {
                nextClockSync.cancel();
                nextClockSync = null;
            }
            wireless.ifPresent(WirelessChannels::close);
        });
    }

    /**
     * How long after each whole poll interval (UTC) the poll runs: the device captures its hourly value at the
     * whole hour by its own clock, which may lag the master's (up to 60 s, P2 §6.2.1; and by the fraction of a
     * second a clock synchronisation leaves, as it sends whole seconds). A poll exactly at the hour would read
     * the previous hour's value from such a device, and every value an hour late.
     */
    public static final Duration POLL_DELAY = Duration.ofSeconds(90);

    private void scheduleNextPoll() {
        Instant now = scheduler.now().minus(POLL_DELAY);
        long interval = settings.pollInterval().toMillis();
        long next = (Math.floorDiv(now.toEpochMilli(), interval) + 1) * interval + POLL_DELAY.toMillis();
        Duration delay = Duration.between(scheduler.now(), Instant.ofEpochMilli(next));
        nextPoll = scheduler.schedule(delay, this::poll);
    }

    private void poll() {
        if (!started) {
            return;
        }
        for (Channel channel : Channel.ALL) {
            if (store.channel(channel).binding().orElse(null) instanceof Binding.Wired) {
                read(channel);
            }
        }
        wireless.ifPresent(WirelessChannels::checkSilence); // wireless devices are not polled: they must be heard
        scheduleNextPoll();
    }

    // ---- clock synchronisation (P2 §6.2.1: "daily and after a clock change of the E-meter", issue 5)

    private void scheduleNextClockSync() {
        Instant now = scheduler.now();
        Instant next = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(settings.clockSyncHour()));
        if (!next.isAfter(now)) {
            next = next.plus(Duration.ofDays(1));
        }
        nextClockSync = scheduler.schedule(Duration.between(now, next), this::dailyClockSync);
    }

    private void dailyClockSync() {
        if (!started) {
            return;
        }
        synchroniseAllClocks();
        scheduleNextClockSync();
    }

    /**
     * The E-meter's own clock was adjusted (P2 §6.2.1): synchronises every bound wired channel's clock now,
     * one after the other in the operation queue. Completes with one result per bound channel, channel order.
     */
    public CompletableFuture<List<CommandResult>> clockChanged() {
        CompletableFuture<List<CommandResult>> all = new CompletableFuture<>();
        scheduler.execute(() -> {
            List<CompletableFuture<CommandResult>> syncs = synchroniseAllClocks();
            CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
                List<CommandResult> results = new ArrayList<>();
                for (CompletableFuture<CommandResult> sync : syncs) {
                    results.add(sync.join());
                }
                all.complete(results);
            });
        });
        return all;
    }

    /**
     * Queues a clock synchronisation for each bound channel (in a task of the scheduler); none fails exceptionally.
     * A wireless one completes in the meter's next frequent access cycle.
     */
    private List<CompletableFuture<CommandResult>> synchroniseAllClocks() {
        List<CompletableFuture<CommandResult>> syncs = new ArrayList<>();
        for (Channel channel : Channel.ALL) {
            if (store.channel(channel).binding().isPresent()) {
                syncs.add(synchroniseClock(channel).handle((result, error) -> error == null ? result
                        : CommandResult.of(channel, "clock synchronisation", Outcome.FAILED, describe(error))));
            }
        }
        return syncs;
    }

    // ---- binding

    /**
     * Binds a free channel to the wired device at {@code binding}'s primary address (P2 §8.3) and
     * raises "new M-Bus device discovered". The device's Short ID is learnt from its first accepted
     * answer. Refused if the channel is bound or another channel has the address.
     */
    public CompletableFuture<CommandResult> bind(Channel channel, Binding.Wired binding) {
        return bindAny(channel, binding);
    }

    /**
     * Registers a wireless device in a free channel by its Short ID (P2 §8.4.2.1: "registered ... when the
     * Short ID values are written in respective DLMS/COSEM M-Bus objects") and raises "new M-Bus device
     * discovered". Refused if the channel is bound or another channel has the Short ID.
     */
    public CompletableFuture<CommandResult> bind(Channel channel, Binding.Wireless binding) {
        return bindAny(channel, binding);
    }

    private CompletableFuture<CommandResult> bindAny(Channel channel, Binding binding) {
        String what = binding instanceof Binding.Wired wired ? "primary address " + wired.primaryAddress()
                : "Short ID " + ((Binding.Wireless) binding).shortId();
        return operations.submit(() -> {
            ChannelState state = store.channel(channel);
            if (state.binding().isPresent()) {
                return done(channel, "bind", Outcome.REFUSED, "the channel is bound already; unbind it first");
            }
            for (Channel other : Channel.ALL) {
                if (store.channel(other).binding().filter(binding::equals).isPresent()) {
                    return done(channel, "bind", Outcome.REFUSED, what + " is bound to " + other + " already");
                }
            }
            store.put(ChannelState.empty(channel).withBinding(Optional.of(binding)));
            communicationError[channel.number()] = false;
            if (binding instanceof Binding.Wireless w) {
                // P2 §8.4.2.1: registered; the link confirms the device's next SND_IR and serves its FACs
                wireless.ifPresent(link -> link.register(w.shortId()));
            }
            publish(channel, MBusEventKind.NEW_DEVICE_DISCOVERED);
            return done(channel, "bind", Outcome.DONE, "bound to " + what + (binding instanceof Binding.Wireless
                    && wireless.isEmpty() ? " (no radio configured: nothing is received from it)" : ""));
        });
    }

    /** Frees a channel: its state and keys are forgotten (the hourly values and events stay). */
    public CompletableFuture<CommandResult> unbind(Channel channel) {
        return operations.submit(() -> {
            if (store.channel(channel).binding().orElse(null) instanceof Binding.Wireless w) {
                wireless.ifPresent(link -> link.deregister(w.shortId()));
            }
            store.put(ChannelState.empty(channel));
            store.putKeys(channel, ChannelKeys.NONE);
            communicationError[channel.number()] = false;
            return done(channel, "unbind", Outcome.DONE, "the channel is free");
        });
    }

    // ---- discovery (P2 §8.3.1)

    /**
     * Probes {@code addresses} with SND_NKE and REQ_UD2 (P2 §8.3.1, EN 13757-3 §11.5) as one operation: no
     * other transfer uses the bus meanwhile. Answers are not validated or stored: the devices are not bound.
     */
    public CompletableFuture<ScanResult> scan(List<Integer> addresses) {
        List<Integer> probed = List.copyOf(addresses);
        if (wiredLink.isEmpty()) {
            return CompletableFuture.completedFuture(new ScanResult(0, List.of(), List.of())); // no wire, nothing on it
        }
        return operations.submit(() -> onMaster(wired().scan(probed, ScanListener.NONE)));
    }

    /**
     * Gives the unbound device at {@code from} (0: an unconfigured device, P2 §8.3.1) the primary address
     * {@code to} (P2 §6.2.2: CI 51h, DIF 01 VIF 7A, unencrypted), for the installation of {@code channel}.
     * Refused if a channel is bound to either address.
     */
    public CompletableFuture<CommandResult> assignAddress(Channel channel, int from, int to) {
        String name = "assign address";
        Channel any = channel;
        if (wiredLink.isEmpty()) {
            return done(channel, name, Outcome.REFUSED, "no wired M-Bus is configured (wired.port)");
        }
        return operations.submit(() -> {
            if (from < 0 || from > WiredLink.MAX_ADDRESS || to < 1 || to > WiredLink.MAX_ADDRESS) {
                return done(any, name, Outcome.REFUSED, "addresses are 0..250 (from) and 1..250 (to), got " + from
                        + " and " + to);
            }
            for (Channel other : Channel.ALL) {
                Optional<Binding> bound = store.channel(other).binding();
                if (bound.equals(Optional.of(new Binding.Wired(to)))
                        || from > 0 && bound.equals(Optional.of(new Binding.Wired(from)))) {
                    return done(any, name, Outcome.REFUSED, other + " is bound to address " + (from > 0
                            && bound.equals(Optional.of(new Binding.Wired(from))) ? from : to));
                }
            }
            return onMaster(wired().setPrimaryAddress(from, to)).handle((ok, error) -> error == null
                    ? CommandResult.of(any, name, Outcome.DONE, "the device at " + from + " has address " + to + " now")
                    : CommandResult.of(any, name, Outcome.FAILED, describe(error)));
        });
    }

    // ---- reading

    /** Reads the channel's device now (REQ_UD2), as the hourly poll does; the answer is validated, then stored. */
    public CompletableFuture<CommandResult> read(Channel channel) {
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, "read", WirelessChannels::read);
        if (radio.isPresent()) {
            return radio.get();
        }
        return operations.submit(() -> withAddress(channel, "read", address -> readNow(channel, address)
                .thenApply(r -> r.result(channel, "read"))));
    }

    /** The outcome of one REQ_UD2: accepted (and stored), rejected, or failed on the link. */
    record ReadOutcome(Outcome outcome, String detail, List<DataRecord> records) {
        CommandResult result(Channel channel, String command) {
            return new CommandResult(channel, command, outcome, detail, records);
        }
    }

    /** REQ_UD2, validate, store (P2 §4.3.2, §5.2, Appendix A); completes on the master's scheduler. */
    private CompletableFuture<ReadOutcome> readNow(Channel channel, int address) {
        return onMaster(wired().reqUd2(address)).handle((frame, error) -> {
            if (error != null) {
                communicationFailed(channel, "REQ_UD2", error);
                return new ReadOutcome(Outcome.FAILED, describe(error), List.of());
            }
            communicationSucceeded(channel);
            return accept(channel, frame);
        });
    }

    private ReadOutcome accept(Channel channel, LongFrame frame) {
        ChannelState state = store.channel(channel);
        Validation verdict = validator.validate(frame, state, store.keys(channel));
        return accept(channel, verdict, "the answer of primary address " + frame.address());
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
                publish(channel, kind);
            }
            if (settings.clearStatusAutomatically() && (status & StatusAlarms.NON_PERMANENT) != 0) {
                clearStatus(channel); // queued after this operation
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

    // ---- commands

    /**
     * Sets the device's clock to the scheduler's UTC time (P2 §4.3.4, §6.2.1: CI 6Ch, TC 00h, type I
     * UTC; mode 15 when the channel has a user key) and raises "clock adjusted".
     */
    public CompletableFuture<CommandResult> synchroniseClock(Channel channel) {
        String name = "clock synchronisation";
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, name, WirelessChannels::synchroniseClock);
        if (radio.isPresent()) {
            return radio.get();
        }
        return operations.submit(() -> withAddress(channel, name, address -> command(channel, address, name,
                (device, key, fc) -> new Request(CommandFrames.CI_CLOCK, CommandFrames.clockSynchronisation(nextAccess(),
                        device, LocalDateTime.ofInstant(scheduler.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                        key, fc)))
                .thenApply(result -> {
                    if (result.done()) {
                        publish(channel, MBusEventKind.CLOCK_ADJUSTED);
                    }
                    return result;
                })));
    }

    /** Clears the non-permanent status bits (P2 §6.2.3: 01 FD 97 06 73 in a CI 5Ah control message). */
    public CompletableFuture<CommandResult> clearStatus(Channel channel) {
        String name = "clear status";
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, name, (w, c, device) -> w.control(c, device, name,
                List.of(DsmrRecords.clearStatus(DsmrRecords.CLEAR_STATUS_MASK))).thenApply(result -> {
                    if (result.done()) {
                        ChannelState state = store.channel(channel);
                        store.put(state.withReading(device, state.accessNumber(), state.status()
                                & ~DsmrRecords.CLEAR_STATUS_MASK, Optional.empty(), OptionalInt.empty(), Map.of(),
                                Optional.empty()));
                    }
                    return result;
                }));
        if (radio.isPresent()) {
            return radio.get();
        }
        return operations.submit(() -> withAddress(channel, name, address -> command(channel, address, name,
                (device, key, fc) -> new Request(CommandFrames.CI_CONTROL, CommandFrames.control(nextAccess(),
                        List.of(DsmrRecords.clearStatus(DsmrRecords.CLEAR_STATUS_MASK)), key, device, fc)))
                .thenApply(result -> {
                    if (result.done()) {
                        ChannelState state = store.channel(channel);
                        store.put(state.withReading(state.device().orElseThrow(), state.accessNumber(),
                                state.status() & ~DsmrRecords.CLEAR_STATUS_MASK, Optional.empty(),
                                OptionalInt.empty(), Map.of(), Optional.empty()));
                    }
                    return result;
                })));
    }

    /**
     * COSEM data_send (class 72 method 6): sends {@code records} to the device in a SND_UD CI 5Ah (mode 15
     * when the channel has a user key, P2 §4.3.4), as the other commands are sent.
     */
    public CompletableFuture<CommandResult> dataSend(Channel channel, List<DataRecord> records) {
        String name = "data send";
        List<DataRecord> data = List.copyOf(records);
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, name, (w, c, device) -> w.control(c, device, name,
                data));
        if (radio.isPresent()) {
            return radio.get();
        }
        return refusedIfUnbound(channel, name).orElseGet(() -> operations.submit(() -> withAddress(channel, name,
                address -> command(channel, address, name, (device, key, fc) -> new Request(CommandFrames.CI_CONTROL,
                        CommandFrames.control(nextAccess(), data, key, device, fc))))));
    }

    /**
     * Reads the items {@code selection} (P2 §6.3.1): changes the readout list with DIF 08h selection
     * records (up to {@link MasterSettings#readoutListRetries()} retries), reads with REQ_UD2, then
     * restores the default list with SND_NKE (§6.3.2), whatever happened. The records read are in
     * the result; what Appendix A maps is stored.
     */
    public CompletableFuture<CommandResult> readSelected(Channel channel, List<ValueInformationBlock> selection) {
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, "readout list",
                (w, c, device) -> w.readSelected(c, device, List.copyOf(selection)));
        if (radio.isPresent()) {
            return radio.get();
        }
        List<DataRecord> records = new ArrayList<>();
        for (ValueInformationBlock vib : selection) {
            records.add(DsmrRecords.readoutSelection(vib));
        }
        String name = "readout list";
        return operations.submit(() -> withAddress(channel, name, address -> changeReadoutList(channel, address, records,
                settings.readoutListRetries())
                .thenCompose(change -> {
                    if (!change.done()) {
                        return CompletableFuture.completedFuture(change);
                    }
                    return readNow(channel, address).thenApply(r -> r.result(channel, name));
                })
                .thenCompose(result -> onMaster(wired().sndNke(address)).handle((ok, error) -> {
                    if (error != null) {
                        communicationFailed(channel, "SND_NKE", error);
                        LOG.warn("{}: restoring the default readout list with SND_NKE failed: {}", channel, describe(error));
                    }
                    return result;
                }))));
    }

    /** Reads the firmware and hardware versions (P2 §6.4.2: FD 0C–0F through the readout list); stored in the channel. */
    public CompletableFuture<CommandResult> readVersions(Channel channel) {
        return readSelected(channel, VERSION_ITEMS);
    }

    private CompletableFuture<CommandResult> changeReadoutList(Channel channel, int address, List<DataRecord> records,
            int retriesLeft) {
        return command(channel, address, "readout list", (device, key, fc) -> new Request(CommandFrames.CI_CONTROL,
                CommandFrames.control(nextAccess(), records, key, device, fc)))
                .thenCompose(result -> {
                    // P2 §6.3.1: "When changing the readout list does not succeed the first time, a maximum of 2
                    // retries should be performed."
                    if (result.done() || retriesLeft == 0 || result.outcome() == Outcome.REFUSED) {
                        return CompletableFuture.completedFuture(result);
                    }
                    LOG.info("{}: changing the readout list failed ({}); retrying, {} retries left", channel,
                            result.detail(), retriesLeft);
                    return changeReadoutList(channel, address, records, retriesLeft - 1);
                });
    }

    /**
     * Transfers a new user key (P2 §6.5.1): {@code keyData} — the user key encrypted with the device's
     * default key by the head-end — goes as the DIF 07h/47h VIF FD VIFE 19h records in an unencrypted
     * SND_UD CI 51h. An all-zero user key switches encryption off (§6.5.1).
     *
     * <p>Durability (DESIGN.md): {@code userKey} (the same key in plain) is committed as the channel's
     * {@linkplain ChannelKeys#pendingUserKey() pending user key} before the records are sent, since the
     * device may take the key whatever happens to its E5h or to the master afterwards. On the E5h it
     * becomes the user key and the key status "transferred" ("in use" once an encrypted answer with it
     * validates). Without the E5h (or after a crash) it stays pending: the first answer of the device that
     * validates with it makes it the user key (status "in use"); one that never does stays pending until
     * the next transfer replaces it. Before replacing a pending key the master reads the device once
     * (REQ_UD2), so that a key the device did take becomes the user key and is not lost.
     */
    public CompletableFuture<CommandResult> transferKey(Channel channel, byte[] keyData, AesKey userKey) {
        String name = "transfer key";
        byte[] wrapped = keyData.clone();
        Objects.requireNonNull(userKey, "userKey");
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, name,
                (w, c, device) -> w.transferKey(c, device, wrapped, Optional.of(userKey)));
        if (radio.isPresent()) {
            return radio.get();
        }
        return operations.submit(() -> transferKnownKey(channel, wrapped, userKey));
    }

    /** {@link #transferKey(Channel, byte[], AesKey)} inside its operation. */
    private CompletableFuture<CommandResult> transferKnownKey(Channel channel, byte[] wrapped, AesKey userKey) {
        String name = "transfer key";
        return withAddress(channel, name, address -> {
            if (wrapped.length != AesKey.LENGTH) {
                return done(channel, name, Outcome.REFUSED, "key_data has 16 bytes, got " + wrapped.length);
            }
            CompletableFuture<?> resolved = store.keys(channel).pendingUserKey().isPresent()
                    ? readNow(channel, address) // the outcome does not matter: a read validating with the pending key promotes it
                    : CompletableFuture.completedFuture(null);
            return resolved.thenCompose(ignored -> {
                // commit before acting: the device may take the key even if its E5h or this master does not survive
                store.putKeys(channel, store.keys(channel).withPendingUserKey(userKey));
                return onMaster(wired().sndUd(address, CommandFrames.CI_UNENCRYPTED, CommandFrames.keyTransfer(wrapped)));
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
                communicationSucceeded(channel);
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
        });
    }

    /**
     * The head-end's set_encryption_key (COSEM class 72 method 7, P2 §6.5.1): the E-meter's copy of the
     * channel's new user key, in plain. Before the key_data was transferred (transfer_key) it waits as the
     * channel's pending key ("set"); after it, the device may already use it, so it becomes the pending key
     * that the device's first answer validating with it makes the user key ("set and transferred", then
     * "in use"). An all-zero key is the key that switches encryption off.
     */
    public CompletableFuture<CommandResult> setEncryptionKey(Channel channel, AesKey userKey) {
        String name = "set encryption key";
        Objects.requireNonNull(userKey, "userKey");
        return refusedIfUnbound(channel, name).orElseGet(() -> operations.submit(() -> {
            ChannelState state = store.channel(channel);
            if (state.binding().isEmpty()) {
                return done(channel, name, Outcome.REFUSED, "the channel is not bound");
            }
            boolean transferred = state.keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED;
            store.putKeys(channel, store.keys(channel).withPendingUserKey(userKey)); // keys first: never a status without its key
            EncryptionKeyStatus status = transferred ? EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED
                    : EncryptionKeyStatus.ENCRYPTION_KEY_SET;
            store.put(store.channel(channel).withKeyStatus(status));
            LOG.info("{}: {}: key status {}", channel, name, status);
            return done(channel, name, Outcome.DONE, transferred
                    ? "the key the device was sent is known now; it is in use once an answer validates with it"
                    : "the key waits for transfer_key (key_data)");
        }));
    }

    /**
     * The head-end's transfer_key (COSEM class 72 method 8, P2 §6.5.1): sends {@code keyData} — the new
     * user key encrypted by the head-end with the device's default key — to the device. If the E-meter
     * was given the plain key first (set_encryption_key), this is {@link #transferKey(Channel, byte[], AesKey)}.
     * Otherwise the E-meter cannot know the key the device now uses: the status becomes "transferred", and
     * the device's encrypted answers cannot be read until set_encryption_key gives the key.
     */
    public CompletableFuture<CommandResult> transferKey(Channel channel, byte[] keyData) {
        String name = "transfer key";
        byte[] wrapped = keyData.clone();
        Optional<CompletableFuture<CommandResult>> radio = onRadio(channel, name, (w, c, device) -> {
            ChannelKeys keys = store.keys(c);
            boolean set = store.channel(c).keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_SET;
            return w.transferKey(c, device, wrapped, set ? keys.pendingUserKey() : Optional.empty());
        });
        if (radio.isPresent()) {
            return radio.get();
        }
        return refusedIfUnbound(channel, name).orElseGet(() -> operations.submit(() -> {
            ChannelState state = store.channel(channel);
            Optional<AesKey> set = store.keys(channel).pendingUserKey();
            if (state.keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_SET && set.isPresent()) {
                return transferKnownKey(channel, wrapped, set.get());
            }
            return withAddress(channel, name, address -> {
                if (wrapped.length != AesKey.LENGTH) {
                    return done(channel, name, Outcome.REFUSED, "key_data has 16 bytes, got " + wrapped.length);
                }
                // committed before acting: the device may take the key whatever happens to its E5h
                store.put(store.channel(channel).withKeyStatus(EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED));
                return onMaster(wired().sndUd(address, CommandFrames.CI_UNENCRYPTED, CommandFrames.keyTransfer(wrapped)))
                        .handle((ok, error) -> {
                            if (error != null) {
                                communicationFailed(channel, name, error);
                                return CommandResult.of(channel, name, Outcome.FAILED, describe(error)
                                        + "; the device may or may not have taken the key: give it with set_encryption_key,"
                                        + " or transfer it again");
                            }
                            communicationSucceeded(channel);
                            return CommandResult.of(channel, name, Outcome.DONE, "the device has the new user key; the "
                                    + "E-meter reads its answers once set_encryption_key gives the key");
                        });
            });
        }));
    }

    /** A refusal now, on the caller's thread, when {@code channel} is not bound (the operation re-checks when it runs). */
    private Optional<CompletableFuture<CommandResult>> refusedIfUnbound(Channel channel, String name) {
        if (store.channel(channel).binding().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(done(channel, name, Outcome.REFUSED, "the channel is not bound"));
    }

    /**
     * Moves the channel's device to primary address {@code newAddress} (P2 §6.2.2: CI 51h, DIF 01 VIF
     * 7A), only while the channel has no user key (the device ignores it otherwise); the binding follows.
     */
    public CompletableFuture<CommandResult> setPrimaryAddress(Channel channel, int newAddress) {
        String name = "set primary address";
        return operations.submit(() -> withAddress(channel, name, address -> {
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
            return onMaster(wired().setPrimaryAddress(address, newAddress)).handle((ok, error) -> {
                if (error != null) {
                    communicationFailed(channel, name, error);
                    return CommandResult.of(channel, name, Outcome.FAILED, describe(error));
                }
                communicationSucceeded(channel);
                store.put(store.channel(channel).withBinding(Optional.of(new Binding.Wired(newAddress))));
                return CommandResult.of(channel, name, Outcome.DONE, "moved from " + address + " to " + newAddress);
            });
        }));
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
        return prepared.thenCompose(failed -> {
            if (failed.isPresent()) {
                return CompletableFuture.completedFuture(failed.get());
            }
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
            return onMaster(wired().sndUd(address, request.ci(), request.data())).handle((ok, error) -> error)
                    .thenCompose(error -> {
                        if (error == null) {
                            communicationSucceeded(channel);
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
                        if (cause(error) instanceof LinkException le && le.kind() == LinkException.Kind.NO_ANSWER) {
                            // P2 §5.2: "If the G-meter does not respond to the commands of the E-meter, the E-meter
                            // shall issue a REQ_UD2, to establish the current value of the frame counter"
                            LOG.warn("{}: the device at {} did not answer {}; resynchronising the frame counter with REQ_UD2",
                                    channel, address, name);
                            return readNow(channel, address).thenApply(r -> CommandResult.of(channel, name,
                                    r.outcome() == Outcome.DONE ? Outcome.IGNORED : r.outcome(),
                                    "the device did not answer" + (key.isPresent() ? " (frame counter " + sent + ")" : "")
                                            + "; resynchronising with REQ_UD2: " + r.detail()));
                        }
                        communicationFailed(channel, name, error);
                        return done(channel, name, Outcome.FAILED, describe(error));
                    });
        });
    }

    // ---- state, for callers (any thread: the store is thread-safe)

    /**
     * The master's one worker and clock: work that must not race the master's (installation mode) runs in its
     * tasks. A task must not block.
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Whether the master has a wired M-Bus (a gateway may have only a radio). */
    public boolean hasWiredBus() {
        return wiredLink.isPresent();
    }

    /** Whether the master has a radio for the wireless M-Bus. */
    public boolean hasRadio() {
        return wireless.isPresent();
    }

    /** The master's clock (the E-meter's time, UTC). */
    public Instant now() {
        return scheduler.now();
    }

    /** What the master knows of {@code channel}. */
    public ChannelState channel(Channel channel) {
        return store.channel(channel);
    }

    /** The stored hourly values of {@code channel} with {@code from ≤ captureTime < to}, oldest first. */
    public List<HourlyValue> hourlyValues(Channel channel, Instant from, Instant to) {
        return store.hourlyValues(channel, from, to);
    }

    /**
     * The unregistered wireless meters heard sending SND_IR, newest last (P2 §8.4.2.2: what the installer's display
     * lists); empty without a radio.
     */
    public List<InstallationCandidate> installationCandidates() {
        return wireless.map(WirelessChannels::installationCandidates).orElse(List.of());
    }

    /** The newest {@code max} entries of the M-Bus event log, oldest first. */
    public List<MBusEvent> events(int max) {
        return store.events(max);
    }

    // ---- state, for callers: counts

    /** The rejections of a channel's answers, per reason (reasons with none left out). */
    public Map<RejectionReason, Long> rejections(Channel channel) {
        return rejections.of(channel);
    }

    /** The rejections of one reason over all channels. */
    public long rejections(RejectionReason reason) {
        return rejections.total(reason);
    }

    @Override
    public String toString() {
        return "P2 master on " + wiredLink.map(WiredLink::describe).orElse("no wired M-Bus")
                + wireless.map(w -> " and " + w.describe()).orElse("");
    }

    // ---- helpers

    private CompletableFuture<CommandResult> withAddress(Channel channel, String name,
            Function<Integer, CompletableFuture<CommandResult>> action) {
        Optional<Binding> binding = store.channel(channel).binding();
        if (!(binding.orElse(null) instanceof Binding.Wired wired)) {
            return done(channel, name, Outcome.REFUSED, binding.isEmpty() ? "the channel is not bound"
                    : "the channel is bound to a wireless device");
        }
        if (wiredLink.isEmpty()) {
            return done(channel, name, Outcome.REFUSED, "the channel is bound to a wired device and no wired M-Bus is"
                    + " configured (wired.port)");
        }
        return action.apply(wired.primaryAddress()).thenApply(result -> {
            if (result.outcome() == Outcome.DONE) {
                LOG.info("{}: {} done: {}", channel, name, result.detail());
            } else {
                LOG.warn("{}: {} {}: {}", channel, name, result.outcome(), result.detail());
            }
            return result;
        });
    }

    /** A wireless operation on a channel bound to a wireless device. */
    @FunctionalInterface
    private interface RadioOperation {
        CompletableFuture<CommandResult> apply(WirelessChannels wireless, Channel channel, ShortId device);
    }

    /**
     * The operation for a channel bound to a wireless device (refused without a radio); empty for a wired or free
     * channel, which the caller handles.
     */
    private Optional<CompletableFuture<CommandResult>> onRadio(Channel channel, String name, RadioOperation operation) {
        if (!(store.channel(channel).binding().orElse(null) instanceof Binding.Wireless w)) {
            return Optional.empty();
        }
        if (wireless.isEmpty()) {
            return Optional.of(done(channel, name, Outcome.REFUSED, "the channel is bound to a wireless device and no radio"
                    + " is configured (wireless.port)"));
        }
        return Optional.of(operation.apply(wireless.get(), channel, w.shortId()).thenApply(result -> {
            if (result.outcome() != Outcome.DONE) {
                LOG.warn("{}: {} {}: {}", channel, name, result.outcome(), result.detail());
            }
            return result;
        }));
    }

    /** The wired link; only called where a wired binding was checked (withAddress) or the caller refused without it. */
    private WiredLink wired() {
        return wiredLink.orElseThrow(() -> new IllegalStateException("no wired M-Bus is configured (wired.port)"));
    }

    /** Stores and publishes an event (for the wireless channels). */
    void publishEvent(Channel channel, MBusEventKind kind) {
        publish(channel, kind);
    }

    private static CompletableFuture<CommandResult> done(Channel channel, String name, Outcome outcome, String detail) {
        return CompletableFuture.completedFuture(CommandResult.of(channel, name, outcome, detail));
    }

    private int nextAccess() {
        accessNumber = (accessNumber + 1) & 0xFF;
        return accessNumber;
    }

    /** {@code future}'s outcome, delivered in a task of the master's scheduler. */
    private <T> CompletableFuture<T> onMaster(CompletableFuture<T> future) {
        return scheduler.completeOn(future);
    }

    private static Throwable cause(Throwable error) {
        return Scheduler.unwrap(error);
    }

    private static String describe(Throwable error) {
        Throwable e = cause(error);
        return e instanceof LinkException le ? le.kind() + ": " + le.getMessage() : e.toString();
    }

    /** P3 M-Bus events 100 + 10(x−1): communication error after the link's retries failed, once until it recovers. */
    private void communicationFailed(Channel channel, String what, Throwable error) {
        Throwable e = cause(error);
        LOG.warn("{}: {} failed: {}", channel, what, describe(e));
        if (e instanceof LinkException le && le.kind() == LinkException.Kind.CLOSED) {
            return; // the master is shutting down, not the device failing
        }
        raiseCommunicationError(channel);
    }

    /** P3 M-Bus event 100 + 10(x−1) for a wireless device that stopped transmitting (see {@link WirelessChannels}). */
    void communicationLost(Channel channel, String why) {
        LOG.warn("{}: {}", channel, why);
        raiseCommunicationError(channel);
    }

    private void raiseCommunicationError(Channel channel) {
        if (!communicationError[channel.number()]) {
            communicationError[channel.number()] = true;
            publish(channel, MBusEventKind.COMMUNICATION_ERROR);
        }
    }

    /** P3 M-Bus events 101 + 10(x−1): the first success after a communication error. */
    void communicationSucceeded(Channel channel) {
        if (communicationError[channel.number()]) {
            communicationError[channel.number()] = false;
            publish(channel, MBusEventKind.COMMUNICATION_OK);
        }
    }

    private void publish(Channel channel, MBusEventKind kind) {
        MBusEvent event = new MBusEvent(scheduler.now(), channel, kind);
        store.addEvent(event); // the event log first (DESIGN.md "Durability"), then the sink
        LOG.info("{}: event {} ({})", channel, event.code(), kind);
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: the event sink failed on event {}: {}", channel, event.code(), e.toString());
        }
    }
}
