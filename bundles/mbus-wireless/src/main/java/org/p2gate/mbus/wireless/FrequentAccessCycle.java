package org.p2gate.mbus.wireless;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.ShortId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frequent access cycle with one bound meter (EN 13757-4 §10.6.3.2 via P2 4.2.2 §4.4) on a radio that sends
 * armed answers by itself, and the meter's queue of commands. Runs only on the link's worker.
 *
 * <p>The answer to the meter's next transmission is decided before that transmission is heard ({@link #plan()}):
 * the link arms it in the radio, and {@link #observed} learns what the meter sent and whether the radio answered.
 * <ul>
 * <li>P2 §4.4.3: the FAC "is started with a valid transmission from the E-meter just after a regular meter data
 *     transmission": while commands wait, the first one (encoded ahead, P2 §5.2 note: predicted frame counter) is
 *     armed for the meter's next SND_NR.</li>
 * <li>P2 §4.4: "maximum 6 transmissions from M-Bus device during FAC"; the meter's transmissions come N = 2..5 s
 *     apart, so the next answer is armed within seconds of the last one.</li>
 * <li>Commands are pipelined: while one awaits its ACK the next is armed as if it will come. When nothing follows,
 *     a REQ_UD2 is armed instead: if the ACK is missing, that REQ_UD2 is the one P2 §5.2 asks for before repeating
 *     ("to establish the current value of the frame counter"); a READ waits for what precedes it.</li>
 * <li>P2 §4.4.1: SND_NKE ends the cycle when nothing is left, for the meter's last transmission, or when the
 *     repetitions of this cycle are used up; what is left waits for the next one.</li>
 * </ul>
 */
final class FrequentAccessCycle {

    private static final Logger LOG = LoggerFactory.getLogger(FrequentAccessCycle.class);

    /** P2 §4.4: what releases the opener (the meter's regular data), and any meter transmission inside the cycle. */
    static final Set<MessageKind> OPENER_TRIGGERS = Set.of(MessageKind.SND_NR);
    static final Set<MessageKind> CYCLE_TRIGGERS = Set.of(MessageKind.SND_NR, MessageKind.ACK, MessageKind.RSP_UD);

    enum Role { COMMAND, REQUEST, END }

    /** What the link arms for the meter's next transmission. */
    record Outgoing(int cField, int ci, int accessNumber, ConfigurationWord configuration, byte[] data, String what,
            Role role, Pending command) {
    }

    /** A queued command and its caller's future. */
    static final class Pending {
        final WirelessCommand command;
        final CompletableFuture<WirelessFrame> result = new CompletableFuture<>();
        int attempts;
        int cycles;
        boolean repeatDue;

        Pending(WirelessCommand command) {
            this.command = command;
        }
    }

    private final ShortId device;
    private final WirelessSettings settings;
    private final LinkCounters counters;
    private final IntSupplier accessNumbers;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    private boolean active;
    private int transmissions;
    private int repetitions;
    private boolean readbackDone;
    private Outgoing inFlight;
    private Outgoing armed;

    FrequentAccessCycle(ShortId device, WirelessSettings settings, LinkCounters counters, IntSupplier accessNumbers) {
        this.device = device;
        this.settings = settings;
        this.counters = counters;
        this.accessNumbers = accessNumbers;
    }

    void enqueue(Pending pending) {
        queue.add(pending);
    }

    boolean active() {
        return active;
    }

    /** Whether the planned answer may change with a new command (nothing planned, or only a stop-gap). */
    boolean wantsPlan() {
        return armed == null || armed.role() != Role.COMMAND;
    }

    /** The frame kinds that release the planned answer. */
    Set<MessageKind> triggers() {
        return active ? CYCLE_TRIGGERS : OPENER_TRIGGERS;
    }

    /**
     * The bound meter transmitted {@code kind}; {@code answered}: the radio sent the planned answer to it. Call
     * {@link #plan()} afterwards for the answer to the next transmission.
     */
    void observed(MessageKind kind, int accessNumber, WirelessFrame frame, boolean answered) {
        dropDone();
        if (active) {
            transmissions++;
            if (inFlight != null) {
                judge(inFlight, kind, accessNumber, frame);
            } else if (kind == MessageKind.ACK) {
                counters.unexpectedReplies++;
            }
        } else if (kind == MessageKind.ACK || kind == MessageKind.RSP_UD) {
            counters.unexpectedReplies++;
            LOG.info("{}: {} outside a frequent access cycle, ignored", device, kind);
        }
        inFlight = null;
        Outgoing sent = answered ? armed : null;
        armed = null;
        if (sent != null) {
            if (!active) {
                active = true;
                transmissions = 0;
                repetitions = 0;
                readbackDone = false;
                counters.cyclesStarted++;
                Pending head = queue.peek();
                if (head != null) {
                    head.cycles++;
                }
                LOG.debug("{}: frequent access cycle opened by {}", device, sent.what());
            }
            sent(sent);
        }
        if (active && transmissions >= settings.facTransmissions()) {
            close(); // P2 §4.4: the meter's last FAC transmission
        }
    }

    private void sent(Outgoing sent) {
        switch (sent.role()) {
            case END -> {
                counters.cycleEnds++;
                close();
            }
            case REQUEST -> {
                if (sent.command() != null && sent.command().repeatDue) {
                    readbackDone = true; // P2 §5.2: this REQ_UD2 reads the frame counter back before the repetition
                    counters.readbacks++;
                }
                inFlight = sent;
            }
            case COMMAND -> {
                Pending p = sent.command();
                if (p.repeatDue) {
                    repetitions++;
                    counters.repetitions++;
                }
                p.attempts++;
                counters.commandsSent++;
                readbackDone = false;
                inFlight = sent;
            }
        }
    }

    private void judge(Outgoing out, MessageKind kind, int accessNumber, WirelessFrame frame) {
        if (out.role() == Role.COMMAND) {
            Pending p = out.command();
            boolean answers = p.command.request().expectsAck()
                    // P2 §4.4.3: the ACK's access number is "copied from SND_UD"
                    ? kind == MessageKind.ACK && accessNumber == out.accessNumber()
                    : kind == MessageKind.RSP_UD;
            if (answers) {
                counters.commandsCompleted++;
                queue.remove(p);
                p.repeatDue = false;
                LOG.debug("{}: {} answered by {} after {} attempt(s)", device, p.command, kind, p.attempts);
                p.result.complete(frame);
            } else if (!p.result.isDone()) {
                counters.missingReplies++;
                p.repeatDue = true;
                LOG.info("{}: {} not answered (the meter sent {}), attempt {}", device, p.command, kind, p.attempts);
            }
        } else if (out.role() == Role.REQUEST && kind != MessageKind.RSP_UD) {
            counters.missingReplies++;
        }
    }

    /**
     * The answer to arm for the meter's next transmission (empty: nothing to say, disarm); {@code wanted}: the master
     * can use a cycle now ({@link FrameAdmission#cycleWanted}).
     */
    Optional<Outgoing> plan(boolean wanted) {
        dropDone();
        if (!wanted) {
            armed = active ? end("the master cannot use this meter's answers now (its key is unknown)") : null;
        } else {
            armed = active ? planInCycle() : planOpener();
        }
        return Optional.ofNullable(armed);
    }

    private Outgoing planOpener() {
        Pending head = queue.peek();
        if (head == null) {
            return null;
        }
        if (head.repeatDue && settings.readBeforeRetry()) {
            // P2 §5.2 / §4.4 remark: a void REQ_UD2 opens the cycle and fetches the meter's frame counter first
            return request(head, "REQ_UD2 opening the cycle before repeating " + head.command);
        }
        if (head.command.freshData()) {
            // P2 §4.4 remark: a void REQ_UD2 "to gain time and prepare"; the command is encoded inside the cycle
            return request(head, "void REQ_UD2 opening the cycle for " + head.command);
        }
        return encode(head);
    }

    private Outgoing planInCycle() {
        if (transmissions + 1 >= settings.facTransmissions()) {
            return end("the meter's " + settings.facTransmissions() + "th FAC transmission comes next (P2 §4.4)");
        }
        Pending waiting = inFlight != null && inFlight.role() == Role.COMMAND ? inFlight.command() : null;
        if (waiting != null) {
            Pending next = after(waiting);
            if (next == null || next.repeatDue || !next.command.request().expectsAck()) {
                // nothing independent follows: a REQ_UD2 that doubles as P2 §5.2's read-back if the ACK is missing
                return request(waiting, "REQ_UD2 while " + waiting.command + " awaits its answer");
            }
            return encode(next);
        }
        Pending head = queue.peek();
        if (head == null) {
            return end("nothing left to send");
        }
        if (head.repeatDue) {
            if (repetitions >= settings.retriesPerCycle()) {
                return end(head.command + " unanswered after " + head.attempts + " attempt(s)");
            }
            if (settings.readBeforeRetry() && !readbackDone) {
                return request(head, "REQ_UD2 before repeating " + head.command); // P2 §5.2
            }
        }
        return encode(head);
    }

    private Pending after(Pending p) {
        boolean seen = false;
        for (Pending q : queue) {
            if (seen) {
                return q;
            }
            seen = q == p;
        }
        return null;
    }

    private Outgoing encode(Pending p) {
        int acc = accessNumbers.getAsInt();
        WirelessCommand.Encoded encoded = p.command.payload().encode(device, acc, p.attempts + 1);
        java.util.Optional<String> wrong = ConfigurationWordRules.emeterViolation(encoded.configuration());
        if (wrong.isPresent()) {
            queue.remove(p);
            counters.commandsFailed++;
            LOG.warn("{}: {} refused: {}", device, p.command, wrong.get());
            p.result.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.INVALID_COMMAND,
                    p.command + " for " + device + " not sent: " + wrong.get() + "; fix the command's payload"));
            return active ? planInCycle() : planOpener();
        }
        return new Outgoing(p.command.request().cField(), p.command.request().ci(), acc, encoded.configuration(),
                encoded.data(), p.command + " attempt " + (p.attempts + 1), Role.COMMAND, p);
    }

    /** REQ_UD2 CI 80h (P2 §4.4.5); {@code before}: the command it reads back for (P2 §5.2), or none. */
    private Outgoing request(Pending before, String what) {
        return new Outgoing(EmeterFrames.REQ_UD2, EmeterFrames.CI_NO_DATA, accessNumbers.getAsInt(), ConfigurationWord.NONE,
                new byte[0], what, Role.REQUEST, before);
    }

    private Outgoing end(String why) {
        return new Outgoing(EmeterFrames.SND_NKE, EmeterFrames.CI_NO_DATA, accessNumbers.getAsInt(), ConfigurationWord.NONE,
                new byte[0], "SND_NKE (" + why + ")", Role.END, null);
    }

    /** No meter transmission came for {@link WirelessSettings#facSilence()}: the meter left the FAC. */
    void silence() {
        if (!active) {
            return;
        }
        if (inFlight != null && inFlight.role() == Role.COMMAND) {
            counters.missingReplies++;
            inFlight.command().repeatDue = true;
        }
        LOG.info("{}: the meter fell silent in the frequent access cycle after {} transmission(s)", device, transmissions);
        close();
    }

    /** Fails every queued command with {@code error} and ends the cycle. */
    void failAll(WirelessLinkException.Kind kind, String why) {
        active = false;
        inFlight = null;
        armed = null;
        Pending p;
        while ((p = queue.poll()) != null) {
            if (!p.result.isDone()) {
                counters.commandsFailed++;
                p.result.completeExceptionally(new WirelessLinkException(kind, p.command + " for " + device + ": " + why));
            }
        }
    }

    private void close() {
        if (inFlight != null && inFlight.role() == Role.COMMAND && !inFlight.command().result.isDone()) {
            inFlight.command().repeatDue = true; // its answer never came in this cycle
        }
        active = false;
        inFlight = null;
        readbackDone = false;
        Pending head = queue.peek();
        if (head != null && head.cycles >= settings.cyclesPerCommand()) {
            queue.poll();
            counters.commandsFailed++;
            String message = head.command + " for " + device + " was not acknowledged in " + head.cycles
                    + " frequent access cycle(s), " + head.attempts + " attempt(s); check the meter's reception and keys";
            LOG.warn(message);
            head.result.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.NOT_DELIVERED, message));
        }
    }

    private void dropDone() {
        for (Iterator<Pending> it = queue.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.result.isDone()) {
                it.remove(); // cancelled by its caller
            }
        }
    }
}
