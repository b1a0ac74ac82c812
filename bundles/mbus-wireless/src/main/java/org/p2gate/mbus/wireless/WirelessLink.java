package org.p2gate.mbus.wireless;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.dsmr.Medium;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.dsmr.MessageRules;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.Direction;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportHeader;
import org.p2gate.mbus.transport.TransportLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The E-meter's side of the wireless M-Bus (EN 13757-4 mode T2, the "other device"; DSMR P2 4.2.2 §3.2, §4.4,
 * §8.4): it arms answers for bound meters in the radio and lists every other sender ("arm, then observe":
 * RADIO-TIMING.md; the meter hears only answers that start 2.0–3.0 ms after its frame, which no host meets).
 *
 * <ul>
 * <li>Everything received is checked first: the C/CI pair against P2 Table 6 ({@link MessageRules}), the short
 *     header, the configuration word (§4.2.6, §3.2.5), then the master's {@link FrameAdmission} (frame counter,
 *     fillers, §5.2). A rejection is counted and logged with its reason; the frame goes no further to the master.</li>
 * <li>A bound meter heard asking for installation gets a CNF_IR armed with its predicted access number (§4.4.7,
 *     §8.4.2.2 step 6); senders that are not bound become {@link InstallationCandidate}s or {@link ForeignMeter}s,
 *     never answered.</li>
 * <li>Commands queued for a bound meter: the first is armed for its next SND_NR, each further answer within the
 *     meter's N = 2..5 s during the {@link FrequentAccessCycle} (§4.4.3–4.4.6); the radio reports what it sent.</li>
 * <li>A window the radio did not answer in is normal operation: counted, logged once, the next SND_NR or SND_IR
 *     serves ({@link AnswerTiming}).</li>
 * </ul>
 *
 * <p>All state lives in tasks of the injected {@link Scheduler} (one worker); radio callbacks are re-posted to it.
 * The link never interprets application data beyond what the FAC needs (the ACK's access number).
 */
public final class WirelessLink {

    private static final Logger LOG = LoggerFactory.getLogger(WirelessLink.class);

    /** Bounded lists: the air may carry any number of senders. */
    static final int MAX_CANDIDATES = 64;
    static final int MAX_FOREIGN = 256;
    /** P2 §6.4.1: the installer compares the last 7 digits of the equipment identifier. */
    private static final int EQUIPMENT_DIGITS = 7;

    private enum State { CLOSED, OPEN, FAILED }

    private final Radio radio;
    private final Scheduler scheduler;
    private final WirelessSettings settings;
    private final FrameAdmission admission;
    private final WirelessListener listener;
    private final EmeterFrames frames;
    private final LinkCounters counters = new LinkCounters();

    // worker only
    private State state = State.CLOSED;
    private int generation;
    private int accessNumber;
    private final Map<ShortId, FrequentAccessCycle> bound = new HashMap<>();
    private final Map<ShortId, Scheduler.Scheduled> silenceTimers = new HashMap<>();
    private final Map<ShortId, InstallationCandidate> candidates = new LinkedHashMap<>();
    /** The access number of the last SND_IR of each bound meter awaiting its CNF_IR, and of each candidate. */
    private final Map<ShortId, Integer> installing = new HashMap<>();
    private final Map<ShortId, Integer> candidateAccess = new HashMap<>();
    /** What the link asked the radio to hold, per meter. */
    private final Map<ShortId, ArmedAnswer> armedNow = new HashMap<>();
    private final AnswerTiming timing;
    private boolean receiveOnlyLogged;
    private final Map<ShortId, ForeignMeter> foreign = new LinkedHashMap<>();

    // snapshots for other threads
    private volatile Set<ShortId> boundSnapshot = Set.of();
    private volatile List<InstallationCandidate> candidateSnapshot = List.of();
    private volatile List<ForeignMeter> foreignSnapshot = List.of();

    /**
     * @param radio     the transceiver (opened by {@link #open()})
     * @param scheduler the link's one worker and clock
     * @param settings  timing and limits
     * @param admission the master's validation of bound meters' frames
     * @param listener  receives admitted frames of bound meters
     */
    public WirelessLink(Radio radio, Scheduler scheduler, WirelessSettings settings, FrameAdmission admission,
            WirelessListener listener) {
        if (radio == null || scheduler == null || settings == null || admission == null || listener == null) {
            throw new IllegalArgumentException("a wireless link needs a radio, a scheduler, settings, an admission and a listener");
        }
        this.radio = radio;
        this.scheduler = scheduler;
        this.settings = settings;
        this.admission = admission;
        this.listener = listener;
        this.frames = new EmeterFrames(settings.linkAddress());
        this.timing = new AnswerTiming(settings, counters, this::describe);
        // P2 §4.2.4 / EN 13757-3 §5.9: the access number starts at a random value
        this.accessNumber = new SplittableRandom(settings.accessNumberSeed()).nextInt(256);
    }

    public WirelessSettings settings() {
        return settings;
    }

    public String describe() {
        return "wireless M-Bus T2 link on " + radio.describe();
    }

    /** Opens the radio (again, after a failure). */
    public CompletableFuture<Void> open() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (state == State.OPEN) {
                done.complete(null);
                return;
            }
            int gen = ++generation;
            radio.close();
            radio.open(new Port(gen)).whenComplete((ok, error) -> scheduler.execute(() -> {
                if (gen != generation) {
                    done.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.CLOSED,
                            "the link was closed while " + radio.describe() + " opened"));
                } else if (error == null) {
                    state = State.OPEN;
                    LOG.info("{} open", describe());
                    bound.keySet().forEach(this::rearm);
                    done.complete(null);
                } else {
                    state = State.FAILED;
                    counters.radioFailures++;
                    LOG.warn("{}: opening failed: {}", describe(), error.getMessage());
                    done.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.RADIO_FAILED,
                            "opening " + radio.describe() + " failed: " + error.getMessage()
                                    + "; check the dongle and open the link again", error));
                }
            }));
        });
        return done;
    }

    /** Closes the link; queued commands fail with {@link WirelessLinkException.Kind#CLOSED}. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            generation++;
            state = State.CLOSED;
            radio.close();
            failAll(WirelessLinkException.Kind.CLOSED, "the link was closed");
            done.complete(null);
        });
        return done;
    }

    /** Binds a meter (its Short ID was written to the E-meter, P2 §8.4.2.2 step 6): it will be answered. */
    public CompletableFuture<Void> bind(ShortId device) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            bound.computeIfAbsent(device, d -> new FrequentAccessCycle(d, settings, counters, this::nextAccessNumber));
            candidates.remove(device);
            foreign.remove(device);
            Integer lastIr = candidateAccess.remove(device);
            if (lastIr != null) {
                installing.put(device, lastIr); // P2 §8.4.2.2 step 6: its next SND_IR gets the CNF_IR
            }
            publish();
            LOG.info("{}: {} bound", describe(), device);
            if (!radio.answersArmed() && !receiveOnlyLogged) {
                receiveOnlyLogged = true;
                LOG.warn("{}: receive-only: bound meters are read from their SND_NR when their keys are known; no CNF_IR"
                        + " and no commands: {}", describe(), Radio.ANSWERING_RADIO);
            }
            rearm(device);
            done.complete(null);
        });
        return done;
    }

    /** Unbinds a meter: it is no longer answered; its queued commands fail with {@code CANCELLED}. */
    public CompletableFuture<Void> unbind(ShortId device) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            FrequentAccessCycle fac = bound.remove(device);
            installing.remove(device);
            if (armedNow.remove(device) != null) {
                radio.disarm(device);
            }
            if (fac != null) {
                fac.failAll(WirelessLinkException.Kind.CANCELLED, "the meter was unbound");
                cancelSilence(device);
                LOG.info("{}: {} unbound", describe(), device);
            }
            publish();
            done.complete(null);
        });
        return done;
    }

    /**
     * Queues {@code command} for a bound meter's next frequent access cycle. Completes with the meter's answer
     * (ACK or RSP_UD, not interpreted); fails with a {@link WirelessLinkException}.
     */
    public CompletableFuture<WirelessFrame> submit(ShortId device, WirelessCommand command) {
        FrequentAccessCycle.Pending pending = new FrequentAccessCycle.Pending(command);
        scheduler.execute(() -> {
            FrequentAccessCycle fac = bound.get(device);
            if (state != State.OPEN) {
                counters.commandsFailed++;
                pending.result.completeExceptionally(new WirelessLinkException(state == State.FAILED
                        ? WirelessLinkException.Kind.RADIO_FAILED : WirelessLinkException.Kind.CLOSED,
                        command + " for " + device + " not queued: the link is " + state.name().toLowerCase()
                                + "; open it first"));
            } else if (fac == null) {
                counters.commandsFailed++;
                pending.result.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.NOT_BOUND,
                        command + " not queued: " + device + " is not bound to this link; bind it first"));
            } else if (!radio.answersArmed()) {
                counters.commandsFailed++;
                pending.result.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.RADIO_CANNOT_ANSWER,
                        command + " for " + device + " not queued: " + new RadioCannotAnswerException(radio.describe()).getMessage()));
            } else {
                boolean replan = fac.wantsPlan();
                fac.enqueue(pending);
                if (replan) {
                    rearm(device);
                }
            }
        });
        return pending.result;
    }

    /** The bound Short IDs (safe from any thread). */
    public Set<ShortId> boundDevices() {
        return boundSnapshot;
    }

    /** Meters asking for installation that are not bound, most recently heard first (safe from any thread). */
    public List<InstallationCandidate> installationCandidates() {
        return candidateSnapshot;
    }

    /** Other senders heard, most recently heard first (safe from any thread). */
    public List<ForeignMeter> foreignMeters() {
        return foreignSnapshot;
    }

    /** Forgets the installation candidates (installation mode ended). */
    public CompletableFuture<Void> clearCandidates() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            candidates.clear();
            candidateAccess.clear();
            publish();
            done.complete(null);
        });
        return done;
    }

    public WirelessStatistics statistics() {
        return counters.snapshot();
    }

    // ---- reception (worker)

    private void received(int gen, ReceivedFrame received) {
        if (gen != generation || state != State.OPEN) {
            return;
        }
        counters.framesReceived++;
        byte[] bytes = received.frame();
        WirelessFrame frame;
        try {
            frame = WirelessFrame.decodeWithoutCrcs(bytes, 0, bytes.length);
        } catch (DecodeException e) {
            counters.malformed++;
            LOG.info("{}: malformed frame of {} bytes dropped: {} at {}: {}", describe(), bytes.length, e.reason(),
                    e.offset(), e.getMessage());
            return;
        }
        ShortId sender = frame.address();
        FrequentAccessCycle fac = bound.get(sender);
        MessageKind kind;
        try {
            // P2 §4.1: "all combinations of C and CI codes that are not described in this section shall be rejected"
            kind = MessageRules.classify(Medium.WIRELESS, Direction.FROM_DEVICE, frame.c().value(), frame.ci());
        } catch (DecodeException e) {
            if (fac == null) {
                listForeign(frame, received);
            } else {
                counters.notAllowed++;
                LOG.warn("{}: frame of bound {} rejected: {}", describe(), sender, e.getMessage());
            }
            return;
        }
        TransportLayer layer;
        try {
            layer = TransportLayer.decode(frame.linkData());
        } catch (DecodeException e) {
            if (fac == null) {
                listForeign(frame, received);
            } else {
                counters.malformed++;
                LOG.warn("{}: {} of bound {} rejected, its transport layer: {}", describe(), kind, sender, e.getMessage());
            }
            return;
        }
        if (fac == null) {
            if (kind == MessageKind.SND_IR) {
                listCandidate(sender, layer, frame, received);
            } else {
                listForeign(frame, received);
            }
            return;
        }
        ConfigurationWord cw = layer.configuration().orElse(ConfigurationWord.NONE);
        Optional<String> wrongWord = ConfigurationWordRules.meterViolation(kind, cw);
        if (wrongWord.isPresent()) {
            counters.badConfiguration++;
            LOG.warn("{}: {} of bound {} rejected: {}", describe(), kind, sender, wrongWord.get());
            if (received.answered().isPresent()) {
                // the radio's firmware answered it (it reads address and kind only): follow the cycle it opened
                observe(sender, fac, kind, layer.header().map(TransportHeader::accessNumber).orElse(0), frame, received);
            }
            return;
        }
        if (ConfigurationWordRules.syncOnAsynchronous(kind, cw)) {
            LOG.debug("{}: {} of {} carries the sync bit (P2 §4.2.6 reserves it for SND_NR); tolerated", describe(), kind, sender);
        }
        int acc = layer.header().map(TransportHeader::accessNumber).orElse(0);
        WirelessMessage message = new WirelessMessage(sender, kind, frame, acc, cw, received.rssiDbm(), received.at());
        FrameAdmission.Verdict verdict = admission.check(message);
        if (!verdict.accepted()) {
            counters.notAdmitted++;
            LOG.warn("{}: {} of bound {} rejected by the master: {}{}", describe(), kind, sender, verdict.reason(),
                    verdict.opensCycle() && kind != MessageKind.SND_IR ? "; its access cycle is served for a key transfer" : "");
            // the radio answered it already if an answer was armed: the cycle goes on as it does on air
        } else {
            listener.received(message);
        }
        observe(sender, fac, kind, acc, frame, received);
    }

    /** The bound meter sent {@code kind}; the radio may have sent its armed answer (P2 §4.4, §4.4.7). */
    private void observe(ShortId sender, FrequentAccessCycle fac, MessageKind kind, int acc, WirelessFrame frame,
            ReceivedFrame received) {
        ArmedAnswer was = armedNow.remove(sender);
        Optional<SentAnswer> answered = received.answered();
        answered.ifPresent(a -> timing.answerSent(sender, a, received.at()));
        if (answered.isEmpty() && was != null && was.triggers().contains(kind)) {
            timing.notSent(sender, kind); // armed, yet the radio did not send it: count, log once
        }
        if (kind == MessageKind.SND_IR) {
            confirmation(sender, acc, answered);
        } else {
            installing.remove(sender); // P2 §8.4.2.2 step 8: a confirmed meter sends its regular data
            fac.observed(kind, acc, frame, answered.isPresent() && was != null && !was.triggers().contains(MessageKind.SND_IR));
            if (fac.active()) {
                armSilence(sender, fac);
            } else {
                cancelSilence(sender);
            }
        }
        rearm(sender);
    }

    /**
     * P2 §4.4.7, §8.4.2.2 step 6: a bound meter's SND_IR is confirmed with its access number copied. The radio sends
     * the CNF_IR armed with the predicted number (the last SND_IR's + 1, EN 13757-3 §5.9); a lost SND_IR or a wrong
     * guess costs one minute (the meter repeats its SND_IR), never the installation.
     */
    private void confirmation(ShortId sender, int acc, Optional<SentAnswer> answered) {
        Integer predicted = installing.get(sender);
        if (answered.isPresent() && predicted != null && predicted == ((acc - 1) & 0xFF)) {
            counters.confirmations++;
            installing.remove(sender); // armed for its SND_NR next; a lost CNF_IR shows as another SND_IR
            LOG.info("{}: CNF_IR sent to {} (ACC {})", describe(), sender, acc);
        } else {
            if (answered.isPresent()) {
                counters.confirmationsMispredicted++;
                LOG.info("{}: the CNF_IR armed for {} carried ACC {}, its SND_IR had {}; armed again for the next",
                        describe(), sender, (predicted + 1) & 0xFF, acc);
            }
            installing.put(sender, acc);
        }
    }

    /** Arms what the meter should get next, or clears it; the radio keeps one answer per meter. */
    private void rearm(ShortId device) {
        FrequentAccessCycle fac = bound.get(device);
        if (state != State.OPEN || fac == null || !radio.answersArmed()) {
            return;
        }
        Optional<ArmedAnswer> want;
        Integer lastIr = installing.get(device);
        if (lastIr != null) {
            want = Optional.of(new ArmedAnswer(device, Set.of(MessageKind.SND_IR),
                    frames.confirmInstallation(device, (lastIr + 1) & 0xFF)));
        } else {
            want = fac.plan(admission.cycleWanted(device)).map(o -> new ArmedAnswer(device, fac.triggers(),
                    frames.frame(o.cField(), o.ci(), device, o.accessNumber(), o.configuration(), o.data())));
        }
        ArmedAnswer now = armedNow.get(device);
        if (want.isEmpty()) {
            if (now != null) {
                armedNow.remove(device);
                radio.disarm(device);
            }
            return;
        }
        if (want.get().equals(now)) {
            return;
        }
        armedNow.put(device, want.get());
        timing.armed(device, scheduler.now());
        counters.armed++;
        int gen = generation;
        radio.arm(want.get()).whenComplete((ok, error) -> {
            if (error != null) {
                scheduler.execute(() -> armFailed(gen, device, error));
            }
        });
    }

    private void armFailed(int gen, ShortId device, Throwable error) {
        if (gen != generation) {
            return;
        }
        armedNow.remove(device);
        counters.radioFailures++;
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        LOG.warn("{}: arming an answer for {} failed: {}", describe(), device, cause.getMessage());
    }

    private void armSilence(ShortId device, FrequentAccessCycle fac) {
        cancelSilence(device);
        silenceTimers.put(device, scheduler.schedule(settings.facSilence(), () -> {
            silenceTimers.remove(device);
            fac.silence();
            rearm(device);
        }));
    }

    private void cancelSilence(ShortId device) {
        Scheduler.Scheduled timer = silenceTimers.remove(device);
        if (timer != null) {
            timer.cancel();
        }
    }

    /** How long before each released answer's trigger ended the link had armed it (the host's slack), latest last. */
    public List<Duration> armingSlack() {
        return timing.slack();
    }

    private int nextAccessNumber() {
        accessNumber = (accessNumber + 1) & 0xFF; // EN 13757-3 §5.9: +1 per message
        return accessNumber;
    }

    // ---- lists

    private void listCandidate(ShortId sender, TransportLayer layer, WirelessFrame frame, ReceivedFrame received) {
        counters.installationRequests++;
        InstallationCandidate before = candidates.remove(sender);
        Optional<String> digits = equipmentDigits(layer, frame).or(() -> before == null ? Optional.empty() : before.equipmentIdDigits());
        InstallationCandidate now = new InstallationCandidate(sender, digits, received.rssiDbm(),
                before == null ? received.at() : before.firstSeen(), received.at(), before == null ? 1 : before.requests() + 1);
        candidates.put(sender, now);
        candidateAccess.put(sender, layer.header().map(TransportHeader::accessNumber).orElse(0));
        evictOldest(candidates, MAX_CANDIDATES);
        candidateAccess.keySet().retainAll(candidates.keySet());
        if (before == null) {
            LOG.info("{}: installation request from {} ({} dBm), not bound", describe(), sender, received.rssiDbm());
        }
        publish();
    }

    /** P2 §6.4.1 / §4.4.7: an SND_IR "may contain as an addition data"; in clear it may carry the equipment identifier. */
    private static Optional<String> equipmentDigits(TransportLayer layer, WirelessFrame frame) {
        if (layer.configuration().map(ConfigurationWord::isEncrypted).orElse(false) || layer.dataLength() == 0) {
            return Optional.empty();
        }
        byte[] linkData = frame.linkData();
        try {
            for (DataRecord r : DataRecords.decode(linkData, layer.dataOffset(), layer.dataLength())) {
                if (r.valueInformation().equals(EQUIPMENT_ID_VIB) && r.value() instanceof RecordValue.Text t
                        && t.text().length() >= EQUIPMENT_DIGITS) {
                    return Optional.of(t.text().substring(t.text().length() - EQUIPMENT_DIGITS));
                }
            }
        } catch (DecodeException e) {
            LOG.debug("the records of an SND_IR could not be read: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private static final org.p2gate.mbus.record.ValueInformationBlock EQUIPMENT_ID_VIB =
            DsmrRecords.equipmentIdentifier("00000000000000000").valueInformation();

    private void listForeign(WirelessFrame frame, ReceivedFrame received) {
        counters.foreignFrames++;
        OptionalInt mode = OptionalInt.empty();
        try {
            Optional<ConfigurationWord> cw = TransportLayer.decode(frame.linkData()).configuration();
            if (cw.isPresent()) {
                mode = OptionalInt.of(cw.get().mode());
            }
        } catch (DecodeException e) {
            LOG.debug("the transport layer of a foreign frame could not be read: {}", e.getMessage());
        }
        ShortId sender = frame.address();
        ForeignMeter before = foreign.remove(sender);
        foreign.put(sender, new ForeignMeter(sender, frame.c().value(), frame.ci(), mode, received.rssiDbm(),
                before == null ? received.at() : before.firstSeen(), received.at(), before == null ? 1 : before.frames() + 1));
        evictOldest(foreign, MAX_FOREIGN);
        if (before == null) {
            LOG.info("{}: foreign sender {} (C {} CI {}, mode {}), not bound: listed, never answered", describe(), sender,
                    frame.c(), Integer.toHexString(frame.ci()), mode.isPresent() ? mode.getAsInt() : "?");
        }
        publish();
    }

    private static <V> void evictOldest(Map<ShortId, V> map, int max) {
        while (map.size() > max) {
            ShortId oldest = map.keySet().iterator().next(); // insertion order: the least recently heard
            map.remove(oldest);
        }
    }

    private void publish() {
        boundSnapshot = Set.copyOf(bound.keySet());
        List<InstallationCandidate> c = new ArrayList<>(candidates.values());
        c.sort(Comparator.comparing(InstallationCandidate::lastSeen).reversed());
        candidateSnapshot = List.copyOf(c);
        List<ForeignMeter> f = new ArrayList<>(foreign.values());
        f.sort(Comparator.comparing(ForeignMeter::lastSeen).reversed());
        foreignSnapshot = List.copyOf(f);
    }

    private void failAll(WirelessLinkException.Kind kind, String why) {
        for (FrequentAccessCycle fac : bound.values()) {
            fac.failAll(kind, why);
        }
        silenceTimers.values().forEach(Scheduler.Scheduled::cancel);
        silenceTimers.clear();
        armedNow.clear(); // the radio forgets them when it closes
    }

    private void radioFailed(IOException cause) {
        if (state != State.OPEN) {
            return;
        }
        generation++;
        state = State.FAILED;
        counters.radioFailures++;
        LOG.error("{}: the radio failed: {}; commands fail until the link is opened again", describe(), cause.getMessage());
        radio.close();
        failAll(WirelessLinkException.Kind.RADIO_FAILED, radio.describe() + " failed: " + cause.getMessage()
                + "; open the link again");
    }

    /** Radio callbacks, re-posted to the worker. */
    private final class Port implements Radio.Receiver {
        private final int gen;

        Port(int gen) {
            this.gen = gen;
        }

        @Override
        public void received(ReceivedFrame frame) {
            scheduler.execute(() -> WirelessLink.this.received(gen, frame));
        }

        @Override
        public void failed(IOException cause) {
            scheduler.execute(() -> {
                if (gen == generation) {
                    radioFailed(cause);
                }
            });
        }
    }
}
