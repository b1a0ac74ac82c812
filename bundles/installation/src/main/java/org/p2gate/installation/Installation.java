package org.p2gate.installation;

import static org.p2gate.installation.ModeEvent.COVER_REMOVED;
import static org.p2gate.installation.ModeEvent.COVER_REPLACED;
import static org.p2gate.installation.ModeEvent.FOUR_REGISTERED;
import static org.p2gate.installation.ModeEvent.HOUR_ELAPSED;
import static org.p2gate.installation.ModeEvent.POWER_UP;
import static org.p2gate.installation.ModeEvent.SELECT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.p2gate.clock.OperationQueue;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.CommandResult;
import org.p2gate.master.P2Master;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.ScanResult;
import org.p2gate.mbus.wireless.InstallationCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The E-meter's installation mode and the binding procedures of P2 4.2.2 section 8, driving a {@link P2Master}.
 *
 * <ul>
 * <li>Installation mode ({@link ModeTransitions}): entered on cover removal or power-up (with discover_on_power_on),
 *     left on cover replacement, when four devices are registered, or one hour after the trigger (§8.1, §8.3.1).
 *     While on, the wired bus is scanned continuously in pieces (address 0 in each, the unused addresses 1..250 once
 *     per minute); a device at 0 gets the lowest free address; every device found is registered in the lowest free
 *     channel (§8.3.1). Wireless candidates (SND_IR) may be selected (§8.1, §8.4.2.2).</li>
 * <li>slave_install (§8.3.1.2): one scan cycle over 0 and the unused addresses, in any mode; the first device found
 *     goes to the given channel. Binding by attributes (§8.3.1.1, §8.4.2.3) and slave_deinstall.</li>
 * <li>After a wired binding the {@link TaskChain} runs: keys, capture definition, readout list, clock.</li>
 * </ul>
 *
 * <p>All state lives in tasks of one {@link Scheduler} (the master's clock in tests); the public methods may be called
 * from any thread and answer with futures. Installation holds no channel state of its own (DESIGN.md): bindings, keys
 * and device data are the master's; the mode is not durable (a restart ends it; discover_on_power_on may start it again),
 * the progress of the task chains is kept in a {@link TaskJournal} and resumed by {@link #powerUp()}.
 */
public final class Installation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Installation.class);

    private final P2Master master;
    private final Scheduler scheduler;
    private final InstallationSettings settings;
    private final InstallationCandidates radio;
    private final OperationQueue work;
    private final WiredBinder binder;
    private final TaskJournal journal;

    // touched only in the scheduler's tasks
    private ModeState mode = ModeState.NORMAL;
    private Optional<ModeEvent> trigger = Optional.empty();
    private Optional<Instant> endsAt = Optional.empty();
    private Scheduler.Scheduled window;
    /** Bumped when a continuous scan starts or stops: pieces of an older scan end their loop. */
    private int scanGeneration;
    private ScanCycle sweep;
    private Instant nextSweep = Instant.MIN;
    private final Map<Integer, TaskChain> chains = new TreeMap<>();
    private final Map<Integer, ChannelProgress> progress = new TreeMap<>();
    private final Map<ModeEvent, Long> rejections = new EnumMap<>(ModeEvent.class);
    private volatile InstallationStatus snapshot;
    private volatile Map<ModeEvent, Long> rejectionSnapshot = Map.of();

    /**
     * @param master     the master it drives
     * @param scheduler  its clock and worker (the master's, or one on the same clock)
     * @param settings   window, sweep interval, retries, discover_on_power_on
     * @param candidates the wireless devices heard sending SND_IR ({@link InstallationCandidates#NONE} without radio)
     */
    public Installation(P2Master master, Scheduler scheduler, InstallationSettings settings,
            InstallationCandidates candidates) {
        this(master, scheduler, settings, candidates, TaskJournal.NONE);
    }

    /**
     * @param journal where the task chains' progress is kept across restarts ({@link #powerUp()} resumes them)
     */
    public Installation(P2Master master, Scheduler scheduler, InstallationSettings settings,
            InstallationCandidates candidates, TaskJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.master = Objects.requireNonNull(master, "master");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.radio = Objects.requireNonNull(candidates, "candidates");
        this.work = new OperationQueue(scheduler);
        this.binder = new WiredBinder(master, scheduler);
        this.snapshot = new InstallationStatus(mode, trigger, endsAt, List.of(), List.of(), 0);
    }

    // ---- the mode's events

    /** P2 §8.1: the M-Bus cover was removed (the operator's "installation start"). */
    public CompletableFuture<EventResult> coverRemoved() {
        return onScheduler(() -> enter(COVER_REMOVED));
    }

    /**
     * P2 §8.1: the E-meter powered up; installation mode only with discover_on_power_on. The task chains a restart cut
     * short resume first, each for the device it was working for.
     */
    public CompletableFuture<EventResult> powerUp() {
        return onScheduler(() -> {
            resumeChains();
            if (!settings.discoverOnPowerOn()) {
                LOG.info("power-up: discover_on_power_on is off; no installation mode (slave_install or the cover start it)");
                return EventResult.accepted(POWER_UP, mode, mode, "discover_on_power_on is off: no installation mode");
            }
            return enter(POWER_UP);
        });
    }

    /** P2 §8.1: the M-Bus cover was replaced (the operator's "installation stop"). */
    public CompletableFuture<EventResult> coverReplaced() {
        return onScheduler(() -> leave(COVER_REPLACED));
    }

    /**
     * P2 §8.1, §8.4.2.2 step 5: the installer selects the listed wireless device shown as {@code shown} (its 7 display
     * digits, or the 8 digits of its identification number): its Short ID is written into the lowest free channel.
     */
    public CompletableFuture<EventResult> select(String shown) {
        Objects.requireNonNull(shown, "shown");
        return onScheduler(() -> selection(shown.strip())).thenCompose(f -> f);
    }

    // ---- the head-end's procedures (COSEM class 72)

    /**
     * COSEM slave_install (P2 §8.3.1.2): one scan cycle over address 0 and the unused addresses 1..250 ("in one
     * scan-cycle and not during 1 hour"); the first device found (address 0 first) is bound to {@code channel}, an
     * unconfigured one after it got the lowest free address; then the task chain runs. Completes when the device is
     * bound (or none was found); refused at once if the channel is bound.
     */
    public CompletableFuture<CommandResult> slaveInstall(Channel channel) {
        if (master.channel(channel).binding().isPresent()) {
            return refused(channel, "slave install", "the channel is bound already; slave_deinstall it first");
        }
        return work.submit(() -> {
            List<Integer> unused = AddressAllocator.unused(master);
            LOG.info("{}: slave_install: one scan cycle over address 0 and {} unused addresses", channel, unused.size());
            return slaveCycle(channel, new ScanCycle(unused, settings.pieceSize()), unused.size());
        });
    }

    /** COSEM slave_deinstall: the channel is freed (its hourly values and events stay) and its tasks stop. */
    public CompletableFuture<CommandResult> slaveDeinstall(Channel channel) {
        return onScheduler(() -> {
            Optional.ofNullable(chains.remove(channel.number())).ifPresent(TaskChain::cancel);
            progress.remove(channel.number());
            journal.forget(channel);
            publish();
            return scheduler.completeOn(master.unbind(channel));
        }).thenCompose(f -> f);
    }

    /**
     * P2 §8.3.1.1: the head-end wrote primary_address of a free channel: the channel is bound to the preconfigured
     * device at {@code address} and the task chain runs.
     */
    public CompletableFuture<CommandResult> bindWired(Channel channel, int address) {
        if (address < 1 || address > AddressAllocator.MAX_ADDRESS) {
            return refused(channel, "bind", "a bound wired device has primary address 1..250, got " + address);
        }
        return onScheduler(() -> scheduler.completeOn(master.bind(channel, new Binding.Wired(address))).thenApply(bound -> {
            if (bound.done()) {
                installed(channel, DeviceMode.STORAGE, "bound by the head-end to primary address " + address);
            }
            return bound;
        })).thenCompose(f -> f);
    }

    /**
     * P2 §8.3.1.1: the head-end wrote the Short ID attributes of a channel bound to a wired address (before or after
     * primary_address: the order does not matter). Only the device with that identity stays bound: if the device at
     * the address is another one, the binding is undone (one log line) and the result is REFUSED.
     */
    public CompletableFuture<CommandResult> expectWired(Channel channel, ShortId shortId) {
        Objects.requireNonNull(shortId, "shortId");
        return scheduler.completeOn(master.expectDevice(channel, shortId)).thenCompose(result -> {
            if (result.outcome() != Outcome.REFUSED || master.channel(channel).binding().orElse(null)
                    instanceof Binding.Wireless) {
                return CompletableFuture.completedFuture(result);
            }
            LOG.warn("{}: the head-end wrote Short ID {}: {}; the channel is freed", channel, shortId, result.detail());
            return slaveDeinstall(channel).thenApply(freed -> result);
        });
    }

    /**
     * P2 §8.4.2.3, §8.4.2.4: the head-end wrote the Short ID attributes of a free channel: the wireless device is
     * registered (the CNF_IR follows its next SND_IR, on the wireless link).
     */
    public CompletableFuture<CommandResult> registerWireless(Channel channel, ShortId shortId) {
        Objects.requireNonNull(shortId, "shortId");
        return onScheduler(() -> scheduler.completeOn(master.bind(channel, new Binding.Wireless(shortId))).thenApply(bound -> {
            if (bound.done()) {
                registeredWireless(channel, DeviceMode.STORAGE, "registered by the head-end");
            }
            return bound;
        })).thenCompose(f -> f);
    }

    /** COSEM transfer_key (P2 §6.5.1) through the master; a task chain waiting for the keys goes on. */
    public CompletableFuture<CommandResult> transferKey(Channel channel, byte[] keyData) {
        return afterKeys(channel, master.transferKey(channel, keyData));
    }

    /** COSEM set_encryption_key (P2 §6.5.1) through the master; a task chain waiting for the keys goes on. */
    public CompletableFuture<CommandResult> setEncryptionKey(Channel channel, AesKey userKey) {
        return afterKeys(channel, master.setEncryptionKey(channel, userKey));
    }

    // ---- state

    /** The mode, its trigger and end, the channels installed since start and the candidates heard. Any thread. */
    public InstallationStatus status() {
        InstallationStatus s = snapshot;
        List<InstallationCandidate> listed = s.mode() == ModeState.INSTALLATION ? unregistered(radio.candidates()) : List.of();
        return new InstallationStatus(s.mode(), s.trigger(), s.endsAt(), s.channels(), listed, s.rejected());
    }

    /** How many events were rejected, per event. Any thread. */
    public Map<ModeEvent, Long> rejections() {
        return rejectionSnapshot;
    }

    /** Stops installation mode and the task chains without an event (the component stops). */
    @Override
    public void close() {
        scheduler.execute(() -> {
            stopMode();
            chains.values().forEach(TaskChain::cancel);
            chains.clear();
        });
    }

    @Override
    public String toString() {
        return "installation (" + snapshot.mode() + ") of the " + master;
    }

    // ---- transitions

    private EventResult enter(ModeEvent event) {
        ModeTransitions.Row row = ModeTransitions.row(mode, event);
        if (row.to().isEmpty()) {
            return reject(event, row.meaning() + " (since " + trigger.map(Enum::name).orElse("?") + ", until "
                    + endsAt.map(Instant::toString).orElse("?") + ")");
        }
        if (AddressAllocator.freeChannel(master).isEmpty()) {
            return reject(event, "all four channels are bound: there is nothing to install; slave_deinstall a channel first");
        }
        ModeState before = mode;
        mode = row.to().get();
        trigger = Optional.of(event);
        Instant end = scheduler.now().plus(settings.window());
        endsAt = Optional.of(end);
        window = scheduler.schedule(settings.window(), () -> leave(HOUR_ELAPSED));
        LOG.info("installation mode on ({}), until {}: scanning the wired M-Bus, listing wireless installation requests",
                event, end);
        startScan();
        publish();
        return EventResult.accepted(event, before, mode, row.meaning() + "; until " + end);
    }

    private EventResult leave(ModeEvent event) {
        ModeTransitions.Row row = ModeTransitions.row(mode, event);
        if (row.to().isEmpty()) {
            return reject(event, row.meaning());
        }
        ModeState before = mode;
        stopMode();
        LOG.info("installation mode off: {}", row.meaning());
        publish();
        return EventResult.accepted(event, before, mode, row.meaning());
    }

    private void stopMode() {
        if (window != null) {
            window.cancel();
            window = null;
        }
        scanGeneration++;
        sweep = null;
        mode = ModeState.NORMAL;
        trigger = Optional.empty();
        endsAt = Optional.empty();
    }

    private EventResult reject(ModeEvent event, String reason) {
        rejections.merge(event, 1L, Long::sum);
        rejectionSnapshot = Map.copyOf(rejections);
        LOG.warn("installation: {} rejected in {}: {}", event, mode, reason);
        publish();
        return EventResult.rejected(event, mode, reason);
    }

    /** P2 §8.3.1: "The scan and the installation mode will be terminated if four devices are registered". */
    private void checkFourRegistered() {
        if (mode == ModeState.INSTALLATION && AddressAllocator.freeChannel(master).isEmpty()) {
            leave(FOUR_REGISTERED);
        }
    }

    // ---- the continuous wired scan (P2 §8.3.1)

    private void startScan() {
        if (!master.hasWiredBus()) {
            LOG.info("installation mode: no wired M-Bus to scan; wireless devices are registered by selection");
            return;
        }
        int generation = ++scanGeneration;
        sweep = null;
        nextSweep = scheduler.now();
        scheduler.execute(() -> scanPiece(generation));
    }

    private void scanPiece(int generation) {
        if (generation != scanGeneration) {
            return;
        }
        Instant now = scheduler.now();
        if (sweep == null && !now.isBefore(nextSweep)) {
            // P2 §8.3.1: "The E-meter will scan all unused addresses once per minute"
            sweep = new ScanCycle(AddressAllocator.unused(master), settings.pieceSize());
            nextSweep = now.plus(settings.sweepInterval());
        }
        // P2 §8.3.1: "the E-meter will continuously scan": address 0 in every piece, alone between sweeps
        List<Integer> piece = sweep == null ? List.of(0) : sweep.nextPiece(AddressAllocator.unused(master));
        if (sweep != null && sweep.finished()) {
            sweep = null;
        }
        work.submit(() -> scheduler.completeOn(master.scan(piece)).thenCompose(result -> registerFound(result, generation)))
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        scheduler.execute(() -> scanPiece(generation));
                    } else {
                        LOG.warn("installation scan failed: {}; trying again in {}", Scheduler.unwrap(error).toString(),
                                settings.sweepInterval());
                        scheduler.schedule(settings.sweepInterval(), () -> scanPiece(generation));
                    }
                });
    }

    private CompletableFuture<Void> registerFound(ScanResult result, int generation) {
        List<Integer> found = WiredBinder.addresses(result.found());
        if (!result.unreadable().isEmpty()) {
            LOG.warn("installation scan: {} garbled answer(s) (two devices at one address, e.g. two unconfigured at 0?):"
                    + " connect new devices one at a time", result.unreadable().size());
        }
        Set<Integer> occupied = new HashSet<>(found);
        occupied.remove(0);
        return registerEach(found, 0, occupied, generation);
    }

    private CompletableFuture<Void> registerEach(List<Integer> found, int index, Set<Integer> occupied, int generation) {
        if (index >= found.size() || generation != scanGeneration) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<Channel> free = AddressAllocator.freeChannel(master);
        if (free.isEmpty()) {
            checkFourRegistered();
            return CompletableFuture.completedFuture(null);
        }
        int address = found.get(index);
        return binder.install(free.get(), address, occupied).thenCompose(result -> {
            if (result.done()) {
                installed(free.get(), DeviceMode.CUSTOMER, result.detail());
            } else {
                LOG.warn("{}: installing the device found at address {} failed: {}: {}", free.get(), address,
                        result.outcome(), result.detail());
            }
            return registerEach(found, index + 1, occupied, generation);
        });
    }

    // ---- slave_install (P2 §8.3.1.2)

    private CompletableFuture<CommandResult> slaveCycle(Channel channel, ScanCycle cycle, int unusedCount) {
        if (master.channel(channel).binding().isPresent()) {
            return refused(channel, "slave install", "the channel was bound meanwhile; slave_deinstall it first");
        }
        List<Integer> piece = cycle.nextPiece(AddressAllocator.unused(master));
        return scheduler.completeOn(master.scan(piece)).thenCompose(result -> {
            List<Integer> found = WiredBinder.addresses(result.found());
            if (!found.isEmpty()) {
                int address = found.get(0); // address 0 is probed first in each piece: an unconfigured device first
                if (found.size() > 1) {
                    LOG.info("{}: slave_install: also found devices at {}; install them with slave_install on other "
                            + "channels", channel, found.subList(1, found.size()));
                }
                Set<Integer> occupied = new HashSet<>(found);
                occupied.remove(0);
                return binder.install(channel, address, occupied).thenApply(installedResult -> {
                    if (installedResult.done()) {
                        installed(channel, DeviceMode.CUSTOMER, installedResult.detail());
                    }
                    return CommandResult.of(channel, "slave install", installedResult.outcome(), installedResult.detail());
                });
            }
            if (cycle.finished()) {
                return CompletableFuture.completedFuture(CommandResult.of(channel, "slave install", Outcome.FAILED,
                        "no new device answered at address 0 or the " + unusedCount + " unused addresses"
                                + (result.unreadable().isEmpty() ? "" : " (garbled answers: two devices at one address?)")
                                + "; check the wiring, then slave_install again"));
            }
            return slaveCycle(channel, cycle, unusedCount);
        });
    }

    // ---- wireless selection (P2 §8.1, §8.4.2.2)

    private CompletableFuture<EventResult> selection(String shown) {
        ModeTransitions.Row row = ModeTransitions.row(mode, SELECT);
        if (row.to().isEmpty()) {
            return CompletableFuture.completedFuture(reject(SELECT, row.meaning()));
        }
        List<InstallationCandidate> matching = new ArrayList<>();
        for (InstallationCandidate c : unregistered(radio.candidates())) {
            if (c.display().equals(shown) || c.shortId().identificationNumber().equals(shown)) {
                matching.add(c);
            }
        }
        if (matching.isEmpty()) {
            return CompletableFuture.completedFuture(reject(SELECT, "no unregistered device heard in installation mode "
                    + "shows '" + shown + "'; 'installation list' shows the devices heard"));
        }
        if (matching.size() > 1) {
            return CompletableFuture.completedFuture(reject(SELECT, "'" + shown + "' matches " + matching.size()
                    + " devices; give the 8 digits of the identification number"));
        }
        Optional<Channel> free = AddressAllocator.freeChannel(master);
        if (free.isEmpty()) {
            return CompletableFuture.completedFuture(reject(SELECT, "a fifth device: all four channels are bound "
                    + "(P2 §8.3.1: at most four M-Bus devices); slave_deinstall a channel first"));
        }
        ShortId id = matching.get(0).shortId();
        ModeState before = mode;
        return scheduler.completeOn(master.bind(free.get(), new Binding.Wireless(id))).thenApply(bound -> {
            if (!bound.done()) {
                return reject(SELECT, "registering " + id + " in " + free.get() + ": " + bound.detail());
            }
            // P2 §8.4.2.2 step 5 iii: "The E-meter writes the Short ID from the SND_IR message ... into the DLMS objects"
            registeredWireless(free.get(), DeviceMode.INSTALLATION, "selected; the CNF_IR follows its next SND_IR");
            return EventResult.accepted(SELECT, before, mode, "Short ID " + id + " written into " + free.get());
        });
    }

    private List<InstallationCandidate> unregistered(List<InstallationCandidate> heard) {
        List<InstallationCandidate> out = new ArrayList<>();
        for (InstallationCandidate c : heard) {
            boolean registered = Channel.ALL.stream().anyMatch(ch -> master.channel(ch).binding()
                    .equals(Optional.of(new Binding.Wireless(c.shortId()))));
            if (!registered) {
                out.add(c);
            }
        }
        return out;
    }

    // ---- after a binding

    /** A wired channel was bound: its task chain starts (P2 §8.3.1.1 "Assumptions", §8.3.1.2). */
    private void installed(Channel channel, DeviceMode deviceMode, String how) {
        TaskChain chain = newChain(channel, deviceMode);
        progress.put(channel.number(), chain.progress().with(TaskStep.KEYS, how));
        journalled(progress.get(channel.number()));
        LOG.info("{}: {}; installation tasks start", channel, how);
        chain.start(TaskStep.KEYS);
        checkFourRegistered();
        publish();
    }

    private TaskChain newChain(Channel channel, DeviceMode deviceMode) {
        Optional.ofNullable(chains.remove(channel.number())).ifPresent(TaskChain::cancel);
        TaskChain chain = new TaskChain(channel, master, scheduler, settings, deviceMode, p -> {
            progress.put(p.channel().number(), p);
            journalled(p);
            publish();
        });
        chains.put(channel.number(), chain);
        return chain;
    }

    /** Keeps a chain's step for a restart, or forgets the chain once it is done or its channel is free. */
    private void journalled(ChannelProgress p) {
        Optional<Binding> binding = master.channel(p.channel()).binding();
        if (p.step() == TaskStep.DONE || binding.isEmpty()) {
            journal.forget(p.channel());
        } else {
            journal.record(new TaskJournal.Entry(p.channel(), binding.get(), p.mode(), p.step()));
        }
    }

    /** The chains the journal holds resume where they stood, each only if its channel is still bound to its device. */
    private void resumeChains() {
        for (TaskJournal.Entry entry : journal.entries().values()) {
            Channel channel = entry.channel();
            if (chains.containsKey(channel.number())) {
                continue; // a binding since the start has its own chain
            }
            if (!master.channel(channel).binding().equals(Optional.of(entry.binding()))) {
                LOG.info("{}: the installation tasks of {} do not resume: the channel is bound to {} now", channel,
                        entry.binding(), master.channel(channel).binding().map(Object::toString).orElse("nothing"));
                journal.forget(channel);
                continue;
            }
            LOG.info("{}: the installation tasks resume at {} after a restart", channel, entry.step());
            newChain(channel, entry.mode()).resume(entry.step());
        }
        publish();
    }

    /**
     * A wireless device was registered (P2 §8.4.2.2 step 5, §8.4.2.3 step 5): the link confirms its next SND_IR, and the
     * same task chain as for a wired device follows, each step in one of its access cycles.
     */
    private void registeredWireless(Channel channel, DeviceMode deviceMode, String how) {
        installed(channel, deviceMode, how + " (wireless: each task in the meter's next access cycle)");
    }

    private CompletableFuture<CommandResult> afterKeys(Channel channel, CompletableFuture<CommandResult> operation) {
        return scheduler.completeOn(operation).thenApply(result -> {
            if (result.done()) {
                // P2 §8.3.1.1: the tasks follow the keys also when the chain ended before (or a restart forgot it)
                TaskChain chain = chains.get(channel.number());
                if (chain == null && master.channel(channel).binding().isPresent()) {
                    chain = newChain(channel, DeviceMode.CUSTOMER);
                    chain.keysChanged();
                } else if (chain != null) {
                    chain.keysChanged();
                }
            }
            return result;
        });
    }

    // ---- helpers

    private <T> CompletableFuture<T> onScheduler(Supplier<T> task) {
        CompletableFuture<T> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                out.complete(task.get());
            } catch (RuntimeException e) {
                LOG.warn("installation task failed: {}", e.toString(), e);
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static CompletableFuture<CommandResult> refused(Channel channel, String name, String why) {
        return CompletableFuture.completedFuture(CommandResult.of(channel, name, Outcome.REFUSED, why));
    }

    private void publish() {
        snapshot = new InstallationStatus(mode, trigger, endsAt, List.copyOf(progress.values()), List.of(),
                rejections.values().stream().mapToLong(Long::longValue).sum());
    }
}
