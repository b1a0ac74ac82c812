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
 * §8.4): it answers bound meters inside their response window and lists every other sender.
 *
 * <ul>
 * <li>Everything received is checked first: the C/CI pair against P2 Table 6 ({@link MessageRules}), the short
 *     header, the configuration word (§4.2.6, §3.2.5), then the master's {@link FrameAdmission} (frame counter,
 *     fillers, §5.2). A rejection is counted and logged with its reason; the frame is not processed further.</li>
 * <li>SND_IR from a bound Short ID → CNF_IR at once (§4.4.7, §8.4.2.2 step 6); from any other → an
 *     {@link InstallationCandidate}. Other senders that are not bound (OMS meters, neighbours' meters) are listed as
 *     {@link ForeignMeter}s and never answered.</li>
 * <li>Commands queued for a bound meter go out in its next {@link FrequentAccessCycle} (§4.4.3–4.4.6).</li>
 * <li>Timing: a frame that answers a meter is handed to the radio with "not before" = the end of the meter's frame
 *     + t_RO min; if the worker gets to it after t_RO max, the window is missed (counted), nothing is sent.</li>
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
            publish();
            LOG.info("{}: {} bound", describe(), device);
            done.complete(null);
        });
        return done;
    }

    /** Unbinds a meter: it is no longer answered; its queued commands fail with {@code CANCELLED}. */
    public CompletableFuture<Void> unbind(ShortId device) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            FrequentAccessCycle fac = bound.remove(device);
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
            } else {
                fac.enqueue(pending);
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
            if (!verdict.opensCycle() || kind == MessageKind.SND_IR) {
                return;
            }
        } else {
            listener.received(message);
        }
        boolean canAnswer = !windowMissed(received, kind, sender);
        if (kind == MessageKind.SND_IR) {
            if (!canAnswer) {
                return; // the meter repeats its SND_IR a minute later
            }
            // P2 §4.4.7, §8.4.2.2 step 6: a bound meter's SND_IR is confirmed at once, ACC copied
            counters.confirmations++;
            send(frames.confirmInstallation(sender, acc), received.at(), "CNF_IR to " + sender);
            return;
        }
        Optional<FrequentAccessCycle.Outgoing> out = fac.meterTransmitted(kind, acc, frame, canAnswer);
        if (out.isPresent()) {
            FrequentAccessCycle.Outgoing o = out.get();
            send(frames.frame(o.cField(), o.ci(), sender, o.accessNumber(), o.configuration(), o.data()), received.at(),
                    o.what() + " to " + sender);
        }
        if (fac.active()) {
            armSilence(sender, fac);
        } else {
            cancelSilence(sender);
        }
    }

    private boolean windowMissed(ReceivedFrame received, MessageKind kind, ShortId sender) {
        Duration late = Duration.between(received.at(), scheduler.now());
        if (late.compareTo(settings.responseDelayMax()) > 0) {
            counters.missedWindows++;
            LOG.warn("{}: {} of {} reached the link {} ms after it ended, past the {} ms response window; it counts, but cannot be answered",
                    describe(), kind, sender, late.toNanos() / 1e6, settings.responseDelayMax().toNanos() / 1e6);
            return true;
        }
        return false;
    }

    private void send(byte[] frame, Instant meterFrameEnd, String what) {
        counters.framesSent++;
        Instant notBefore = meterFrameEnd.plus(settings.responseDelayMin());
        LOG.debug("{}: sending {}", describe(), what);
        radio.transmit(frame, notBefore).whenComplete((ok, error) -> {
            if (error != null) {
                scheduler.execute(() -> {
                    counters.radioFailures++;
                    LOG.warn("{}: {} not sent: {}", describe(), what, error.getMessage());
                });
            }
        });
    }

    private void armSilence(ShortId device, FrequentAccessCycle fac) {
        cancelSilence(device);
        silenceTimers.put(device, scheduler.schedule(settings.facSilence(), () -> {
            silenceTimers.remove(device);
            fac.silence();
        }));
    }

    private void cancelSilence(ShortId device) {
        Scheduler.Scheduled timer = silenceTimers.remove(device);
        if (timer != null) {
            timer.cancel();
        }
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
        evictOldest(candidates, MAX_CANDIDATES);
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
