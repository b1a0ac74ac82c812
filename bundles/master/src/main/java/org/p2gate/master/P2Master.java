package org.p2gate.master;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.OperationQueue;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionCounter;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.Repeats;
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

    /** The wired M-Bus channels, if the gateway has a wired M-Bus. */
    private final Optional<WiredChannels> wired;
    /** The wireless M-Bus (T2), if the gateway has a radio. */
    private final Optional<WirelessChannels> wireless;
    private final Scheduler scheduler;
    private final MasterStore store;
    private final ChannelEvents events;
    private final MasterSettings settings;
    private final RejectionCounter rejections = new RejectionCounter();
    private final MessageAcceptance acceptance;
    private final OperationQueue operations;
    /** The hourly poll, the daily clock synchronisation and the clock step checks (P2 §6.2.1). */
    private final MasterSchedule schedule;
    private final ChannelBindings bindings;
    private final Repeats repeats = new Repeats();

    // touched only in the scheduler's tasks
    private boolean started;
    // stop() was called: tasks queued before it (a link going down, the read at start) leave the store alone
    private boolean stopped;

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
        Objects.requireNonNull(wiredLink, "wiredLink");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.store = Objects.requireNonNull(store, "store");
        this.events = new ChannelEvents(store, scheduler, Objects.requireNonNull(events, "events"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.operations = new OperationQueue(scheduler);
        this.schedule = new MasterSchedule(scheduler, settings, () -> started, this::poll, this::synchroniseAllClocks);
        this.acceptance = new MessageAcceptance(store, settings, rejections, this.events, this::clearStatus,
                scheduler::now);
        this.wired = wiredLink.map(link -> new WiredChannels(acceptance, this.events, store, scheduler, link, settings));
        // issue 16: the wired medium going down and coming back
        wiredLink.ifPresent(link -> link.addStateListener(new WireOutages(scheduler, this.events, this::boundWired,
                () -> stopped, () -> started, this::read)));
        this.wireless = radio.map(r -> new WirelessChannels(acceptance, this.events, store, scheduler, r, wirelessSettings,
                settings.wirelessSilenceLimit()));
        this.bindings = new ChannelBindings(operations, store, this.events, wired, wireless);
    }

    /** The channels bound to a wired device, in channel order. */
    private List<Channel> boundWired() {
        List<Channel> bound = new ArrayList<>();
        for (Channel channel : Channel.ALL) {
            if (store.channel(channel).binding().orElse(null) instanceof Binding.Wired) {
                bound.add(channel);
            }
        }
        return bound;
    }

    // ---- polling

    /**
     * Starts hourly polling (the first poll {@link #POLL_DELAY} after the next multiple of the poll interval (UTC)) and
     * the daily clock synchronisation at {@link MasterSettings#clockSyncHour()} UTC, after one read of every bound wired
     * channel at once ({@link #readAllWired()}): a started gateway shows each device's identity, value, capture time and
     * status within seconds, not at the next whole hour, and refreshes what the store kept from before a restart.
     */
    public void start() {
        scheduler.execute(() -> {
            if (!started) {
                started = true;
                stopped = false;
                readAllWired();
                schedule.start();
                wireless.ifPresent(w -> w.open().whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.error("cannot open the wireless M-Bus on {}: {}", w.describe(), WiredChannels.describe(error));
                    }
                }));
            }
        });
    }

    /**
     * Changes the poll interval and the daily clock synchronisation hour in place (issue 16: a reconfiguration that
     * keeps the master, its links and whoever uses it, e.g. the P3 server's associations); a running schedule is
     * rescheduled at once.
     */
    public void reschedule(Duration pollInterval, int clockSyncHour) {
        MasterSettings next = settings.withPollInterval(pollInterval).withClockSyncHour(clockSyncHour); // validates
        scheduler.execute(() -> schedule.reschedule(next, started));
    }

    /** Stops polling and the daily clock synchronisation; operations already queued still run. */
    public void stop() {
        scheduler.execute(() -> {
            started = false;
            stopped = true;
            schedule.cancel();
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

    /** The poll's work (the schedule calls it only while the master runs). */
    private void poll() {
        readAllWired();
        wireless.ifPresent(WirelessChannels::checkSilence); // wireless devices are not polled: they must be heard
    }

    /**
     * Queues a read of every channel bound to a wired device, in channel order, behind the operations already queued
     * (so a binding queued before, e.g. from the configuration at start, is read too).
     */
    private void readAllWired() {
        operations.submit(() -> {
            if (!stopped) {
                boundWired().forEach(this::read);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    // ---- clock synchronisation (P2 §6.2.1: "daily and after a clock change of the E-meter", issue 5)

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
                        : CommandResult.of(channel, "clock synchronisation", Outcome.FAILED, WiredChannels.describe(error))));
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
        return bindings.bind(channel, binding);
    }

    /**
     * P2 §8.3.1.1: the head-end wrote the Short ID attributes of a channel bound to a wired address ("primary_address
     * and Short ID attributes"): only that device may be the channel's. A device read before is compared at once; if
     * none was, the Short ID becomes the channel's device (every other device's answer is rejected, §4.2.2) and the
     * device is read now. REFUSED, naming both, when the device at the address is another one; done otherwise (also
     * when nothing answers now: the channel then waits for that device).
     */
    public CompletableFuture<CommandResult> expectDevice(Channel channel, ShortId device) {
        return bindings.expectDevice(channel, device);
    }

    /**
     * Registers a wireless device in a free channel by its Short ID (P2 §8.4.2.1: "registered ... when the
     * Short ID values are written in respective DLMS/COSEM M-Bus objects") and raises "new M-Bus device
     * discovered". Refused if the channel is bound or another channel has the Short ID.
     */
    public CompletableFuture<CommandResult> bind(Channel channel, Binding.Wireless binding) {
        return bindings.bind(channel, binding);
    }

    /**
     * Frees a channel: its state and keys are forgotten (the hourly values and events stay), but not its device's
     * replay floor (P2 §5.2: the frame counter "is never reset"; {@link ReplayFloor}), kept first.
     */
    public CompletableFuture<CommandResult> unbind(Channel channel) {
        return bindings.unbind(channel);
    }

    // ---- discovery (P2 §8.3.1)

    /**
     * Probes {@code addresses} with SND_NKE and REQ_UD2 (P2 §8.3.1, EN 13757-3 §11.5) as one operation: no
     * other transfer uses the bus meanwhile. Answers are not validated or stored: the devices are not bound.
     */
    public CompletableFuture<ScanResult> scan(List<Integer> addresses) {
        List<Integer> probed = List.copyOf(addresses);
        if (wired.isEmpty()) {
            return CompletableFuture.completedFuture(new ScanResult(0, List.of(), List.of())); // no wire, nothing on it
        }
        return operations.submit(() -> wired.get().scan(probed));
    }

    /**
     * Gives the unbound device at {@code from} (0: an unconfigured device, P2 §8.3.1) the primary address
     * {@code to} (P2 §6.2.2: CI 51h, DIF 01 VIF 7A, unencrypted), for the installation of {@code channel}.
     * Refused if a channel is bound to either address.
     */
    public CompletableFuture<CommandResult> assignAddress(Channel channel, int from, int to) {
        if (wired.isEmpty()) {
            return done(channel, "assign address", Outcome.REFUSED, "no wired M-Bus is configured (wired.port)");
        }
        return operations.submit(() -> wired.get().assignAddress(channel, from, to));
    }

    // ---- reading

    /** Reads the channel's device now (REQ_UD2), as the hourly poll does; the answer is validated, then stored. */
    public CompletableFuture<CommandResult> read(Channel channel) {
        return route(channel, "read", WirelessChannels::read, WiredChannels::read);
    }

    // ---- commands

    /**
     * Sets the device's clock to the scheduler's UTC time (P2 §4.3.4, §6.2.1: CI 6Ch, TC 00h, type I
     * UTC; mode 15 when the channel has a user key) and raises "clock adjusted".
     */
    public CompletableFuture<CommandResult> synchroniseClock(Channel channel) {
        return route(channel, "clock synchronisation", WirelessChannels::synchroniseClock, WiredChannels::synchroniseClock);
    }

    /** Clears the non-permanent status bits (P2 §6.2.3: 01 FD 97 06 73 in a CI 5Ah control message). */
    public CompletableFuture<CommandResult> clearStatus(Channel channel) {
        String name = "clear status";
        List<DataRecord> clear = List.of(DsmrRecords.clearStatus(DsmrRecords.CLEAR_STATUS_MASK));
        return route(channel, name, (w, c, device) -> w.control(c, device, name, clear)
                .thenApply(result -> statusCleared(c, result, Optional.of(device))),
                (w, c, address) -> w.control(c, address, name, clear).thenApply(result -> statusCleared(c, result,
                        Optional.empty())));
    }

    /** Once the device acknowledged a clear status: the cleared bits stored, for {@code device} (empty: the one read). */
    private CommandResult statusCleared(Channel channel, CommandResult result, Optional<ShortId> device) {
        if (result.done()) {
            ChannelState state = store.channel(channel);
            store.put(state.withReading(device.orElseGet(() -> state.device().orElseThrow()), state.accessNumber(),
                    state.status() & ~DsmrRecords.CLEAR_STATUS_MASK, Optional.empty(), OptionalInt.empty(), Map.of(),
                    Optional.empty()));
        }
        return result;
    }

    /**
     * COSEM data_send (class 72 method 6): sends {@code records} to the device in a SND_UD CI 5Ah (mode 15
     * when the channel has a user key, P2 §4.3.4), as the other commands are sent.
     */
    public CompletableFuture<CommandResult> dataSend(Channel channel, List<DataRecord> records) {
        String name = "data send";
        List<DataRecord> data = List.copyOf(records);
        return routeBound(channel, name, (w, c, device) -> w.control(c, device, name, data),
                (w, c, address) -> w.control(c, address, name, data));
    }

    /**
     * Reads the items {@code selection} (P2 §6.3.1): changes the readout list with DIF 08h selection
     * records (up to {@link MasterSettings#readoutListRetries()} retries), reads with REQ_UD2, then
     * restores the default list with SND_NKE (§6.3.2), whatever happened. The records read are in
     * the result; what Appendix A maps is stored.
     */
    public CompletableFuture<CommandResult> readSelected(Channel channel, List<ValueInformationBlock> selection) {
        List<DataRecord> records = new ArrayList<>();
        for (ValueInformationBlock vib : selection) {
            records.add(DsmrRecords.readoutSelection(vib));
        }
        return route(channel, "readout list", (w, c, device) -> w.readSelected(c, device, List.copyOf(selection)),
                (w, c, address) -> w.readSelected(c, address, records));
    }

    /** Reads the firmware and hardware versions (P2 §6.4.2: FD 0C–0F through the readout list); stored in the channel. */
    public CompletableFuture<CommandResult> readVersions(Channel channel) {
        return readSelected(channel, VERSION_ITEMS);
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
        return route(channel, name, (w, c, device) -> w.transferKey(c, device, wrapped, Optional.of(userKey)),
                (w, c, address) -> w.transferKey(c, address, wrapped, Optional.of(userKey)));
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
        return routeBound(channel, name, (w, c, device) -> w.transferKey(c, device, wrapped, keySet(c)),
                (w, c, address) -> w.transferKey(c, address, wrapped, keySet(c)));
    }

    /** The key set_encryption_key gave before transfer_key (status "set"), if any. */
    private Optional<AesKey> keySet(Channel channel) {
        ChannelKeys keys = store.keys(channel);
        boolean set = store.channel(channel).keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_SET;
        return set ? keys.pendingUserKey() : Optional.empty();
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
        return operations.submit(() -> onWire(channel, "set primary address",
                (w, c, address) -> w.setPrimaryAddress(c, address, newAddress)));
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
        return wired.isPresent();
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

    /**
     * P2 §8.4.2.2: since when the wireless device bound to {@code channel} has been sending what cannot be read for
     * want of its user key ("waiting for the key", not silent); empty when it is read, or not wireless.
     */
    public Optional<java.time.Instant> waitingForKeySince(Channel channel) {
        return wireless.flatMap(w -> w.waitingForKeySince(channel));
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

    /**
     * The reads of a wired channel that ended {@link Outcome#INCOMPLETE}: accepted answers without the hourly value,
     * also after the readout list was restored.
     */
    public long incompleteReads(Channel channel) {
        return wired.map(w -> w.incompleteReads(channel)).orElse(0L);
    }

    /**
     * The answers of a wired channel's device with the EN 13757-2 ACD or DFC bit (RSP_UD C = 18h, 28h, 38h): used like
     * C = 08h, counted and logged (README "P2 conformance").
     */
    public long accessDemands(Channel channel) {
        return wired.map(w -> w.accessDemands(channel)).orElse(0L);
    }

    /** The rejections of one reason over all channels. */
    public long rejections(RejectionReason reason) {
        return rejections.total(reason);
    }

    @Override
    public String toString() {
        return "P2 master on " + wired.map(WiredChannels::describe).orElse("no wired M-Bus")
                + wireless.map(w -> " and " + w.describe()).orElse("");
    }

    // ---- helpers

    /**
     * The operation on the channel's medium: for a wireless device at once (the link queues it for the meter), for
     * a wired one in the operation queue.
     */
    private CompletableFuture<CommandResult> route(Channel channel, String name, RadioOperation radio, WireOperation wire) {
        return onRadio(channel, name, radio).orElseGet(() -> operations.submit(() -> onWire(channel, name, wire)));
    }

    /** {@link #route}, but a channel not bound is refused at once, on the caller's thread ({@link #refusedIfUnbound}). */
    private CompletableFuture<CommandResult> routeBound(Channel channel, String name, RadioOperation radio,
            WireOperation wire) {
        return onRadio(channel, name, radio).orElseGet(() -> refusedIfUnbound(channel, name)
                .orElseGet(() -> operations.submit(() -> onWire(channel, name, wire))));
    }

    /** A wired operation on a channel bound to a wired device, at its primary address. */
    @FunctionalInterface
    private interface WireOperation {
        CompletableFuture<CommandResult> apply(WiredChannels wired, Channel channel, int address);
    }

    /**
     * The operation for a channel bound to a wired device (inside an operation of the queue); refused for a free
     * channel, a wireless one, or without a wired M-Bus.
     */
    private CompletableFuture<CommandResult> onWire(Channel channel, String name, WireOperation operation) {
        Optional<Binding> binding = store.channel(channel).binding();
        if (!(binding.orElse(null) instanceof Binding.Wired bound)) {
            return done(channel, name, Outcome.REFUSED, binding.isEmpty() ? "the channel is not bound"
                    : "the channel is bound to a wireless device");
        }
        if (wired.isEmpty()) {
            return done(channel, name, Outcome.REFUSED, "the channel is bound to a wired device and no wired M-Bus is"
                    + " configured (wired.port)");
        }
        return operation.apply(wired.get(), channel, bound.primaryAddress()).thenApply(result -> {
            logResult(channel, name, result);
            return result;
        });
    }

    /**
     * The one log line of a wired operation's outcome (issue 16): done at INFO; a rejection was logged where it was
     * found (MessageAcceptance); anything else at WARN, identical repeats summarised ({@link Repeats}).
     */
    private void logResult(Channel channel, String name, CommandResult result) {
        String subject = channel + " " + name;
        if (result.outcome() == Outcome.DONE) {
            long failed = repeats.clear(subject);
            LOG.info("{}: {} done{}: {}", channel, name, failed > 0 ? " (after " + failed + " that were not)" : "",
                    result.detail());
        } else if (result.outcome() != Outcome.REJECTED) {
            // the kind of failure (the link's kind, or the outcome) without the varying details
            String detail = result.detail();
            int colon = detail.indexOf(':');
            long n = repeats.note(subject, result.outcome() + " " + (colon > 0 ? detail.substring(0, colon) : detail));
            if (Repeats.logs(n)) {
                LOG.warn("{}: {} {}: {}{}", channel, name, result.outcome(), detail, Repeats.times(n));
            }
        }
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

    static CompletableFuture<CommandResult> done(Channel channel, String name, Outcome outcome, String detail) {
        return CompletableFuture.completedFuture(CommandResult.of(channel, name, outcome, detail));
    }
}
