package org.p2gate.mbus.wireless;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.ShortId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frequent access cycle with one bound meter (EN 13757-4 §10.6.3.2 via P2 4.2.2 §4.4), and the meter's
 * queue of commands. Runs only on the link's worker.
 *
 * <ul>
 * <li>P2 §4.4.3: the FAC "is started with a valid transmission from the E-meter just after a regular meter data
 *     transmission": an SND_NR while commands wait opens it.</li>
 * <li>P2 §4.4: "maximum 6 cycles = maximum 6 transmissions from M-Bus device during FAC"; each meter transmission
 *     (ACK, RSP_UD, or an SND_NR when it heard nothing) opens a response window for the next frame.</li>
 * <li>A transmission that does not answer the outstanding command (ACK with its access number, P2 §4.4.3 "copied
 *     from SND_UD"; RSP_UD for REQ_UD2) means the command or its answer was lost: P2 §5.2, the E-meter first asks
 *     REQ_UD2 "to establish the current value of the frame counter", then sends the command again, re-encoded.</li>
 * <li>P2 §4.4.1: SND_NKE "get outside frequent access cycle" ends it when nothing is left, after the sixth
 *     transmission, or when the repetitions of this cycle are used up; what is left waits for the next one.</li>
 * </ul>
 */
final class FrequentAccessCycle {

    private static final Logger LOG = LoggerFactory.getLogger(FrequentAccessCycle.class);

    /** What the link sends in the response window. */
    record Outgoing(int cField, int ci, int accessNumber, org.p2gate.mbus.transport.ConfigurationWord configuration,
            byte[] data, String what) {
    }

    /** A queued command and its caller's future. */
    static final class Pending {
        final WirelessCommand command;
        final CompletableFuture<WirelessFrame> result = new CompletableFuture<>();
        int attempts;
        int cycles;

        Pending(WirelessCommand command) {
            this.command = command;
        }
    }

    private enum Phase { IDLE, COMMAND, READBACK }

    private final ShortId device;
    private final WirelessSettings settings;
    private final LinkCounters counters;
    private final IntSupplier accessNumbers;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    private boolean active;
    private int transmissions;
    private Phase phase = Phase.IDLE;
    private Pending outstanding;
    private int outstandingAccessNumber;
    private boolean repeatDue;
    private boolean readbackDone;
    private int repetitions;

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

    int queued() {
        dropDone();
        return queue.size();
    }

    /**
     * The bound meter transmitted {@code kind} (already admitted); returns the frame for its response window,
     * if any. When the link got to the frame too late to answer ({@code canAnswer} false) the answer it carries
     * still counts, but nothing is sent and no cycle opens.
     */
    Optional<Outgoing> meterTransmitted(MessageKind kind, int accessNumber, WirelessFrame frame, boolean canAnswer) {
        dropDone();
        if (!active && !canAnswer) {
            return Optional.empty();
        }
        if (!active) {
            if (kind == MessageKind.ACK || kind == MessageKind.RSP_UD) {
                counters.unexpectedReplies++;
                LOG.info("{}: {} outside a frequent access cycle, ignored", device, kind);
                return Optional.empty();
            }
            if (kind != MessageKind.SND_NR || queue.isEmpty()) {
                return Optional.empty();
            }
            active = true;
            transmissions = 0;
            repetitions = 0;
            repeatDue = false;
            readbackDone = false;
            phase = Phase.IDLE;
            counters.cyclesStarted++;
            queue.peek().cycles++;
            LOG.debug("{}: frequent access cycle opened, {} command(s) waiting", device, queue.size());
            return Optional.of(next());
        }
        transmissions++;
        switch (phase) {
            case COMMAND -> {
                if (answers(kind, accessNumber)) {
                    counters.commandsCompleted++;
                    Pending done = outstanding;
                    queue.remove(done);
                    outstanding = null;
                    repeatDue = false;
                    readbackDone = false;
                    LOG.debug("{}: {} answered by {} after {} attempt(s)", device, done.command, kind, done.attempts);
                    done.result.complete(frame);
                } else {
                    counters.missingReplies++;
                    repeatDue = true;
                    LOG.info("{}: {} not answered (the meter sent {}), attempt {}", device, outstanding.command, kind,
                            outstanding.attempts);
                }
            }
            case READBACK -> {
                if (kind != MessageKind.RSP_UD) {
                    counters.missingReplies++;
                }
            }
            case IDLE -> {
                if (kind == MessageKind.ACK || kind == MessageKind.RSP_UD) {
                    counters.unexpectedReplies++;
                }
            }
        }
        phase = Phase.IDLE;
        if (!canAnswer) {
            if (transmissions >= settings.facTransmissions()) {
                close();
            }
            return Optional.empty();
        }
        if (transmissions >= settings.facTransmissions()) {
            return Optional.of(end("the meter made its " + transmissions + " FAC transmissions (P2 §4.4)"));
        }
        return Optional.of(next());
    }

    /** No meter transmission came for {@link WirelessSettings#facSilence()}: the meter left the FAC. */
    void silence() {
        if (!active) {
            return;
        }
        if (phase == Phase.COMMAND) {
            counters.missingReplies++;
        }
        LOG.info("{}: the meter fell silent in the frequent access cycle after {} transmission(s)", device, transmissions);
        close();
    }

    /** Fails every queued command with {@code error} and ends the cycle. */
    void failAll(WirelessLinkException.Kind kind, String why) {
        active = false;
        phase = Phase.IDLE;
        outstanding = null;
        Pending p;
        while ((p = queue.poll()) != null) {
            if (!p.result.isDone()) {
                counters.commandsFailed++;
                p.result.completeExceptionally(new WirelessLinkException(kind, p.command + " for " + device + ": " + why));
            }
        }
    }

    private boolean answers(MessageKind kind, int accessNumber) {
        if (outstanding.command.request().expectsAck()) {
            // P2 §4.4.3: the ACK's access number is "copied from SND_UD"
            return kind == MessageKind.ACK && accessNumber == outstandingAccessNumber;
        }
        return kind == MessageKind.RSP_UD;
    }

    private Outgoing next() {
        dropDone();
        Pending head = queue.peek();
        if (head == null) {
            return end("nothing left to send");
        }
        if (repeatDue && head == outstanding) {
            if (repetitions >= settings.retriesPerCycle()) {
                return end(head.command + " unanswered after " + (repetitions + 1) + " attempt(s) in this cycle");
            }
            if (settings.readBeforeRetry() && !readbackDone) {
                // P2 §5.2: learn the meter's frame counter before sending the command again
                readbackDone = true;
                phase = Phase.READBACK;
                counters.readbacks++;
                int acc = accessNumbers.getAsInt();
                return new Outgoing(EmeterFrames.REQ_UD2, EmeterFrames.CI_NO_DATA, acc,
                        org.p2gate.mbus.transport.ConfigurationWord.NONE, new byte[0], "REQ_UD2 before repeating " + head.command);
            }
            repetitions++;
            counters.repetitions++;
        }
        repeatDue = false;
        readbackDone = false;
        head.attempts++;
        int acc = accessNumbers.getAsInt();
        WirelessCommand.Encoded encoded = head.command.payload().encode(device, acc, head.attempts);
        Optional<String> wrong = ConfigurationWordRules.emeterViolation(encoded.configuration());
        if (wrong.isPresent()) {
            queue.remove(head);
            counters.commandsFailed++;
            LOG.warn("{}: {} refused: {}", device, head.command, wrong.get());
            head.result.completeExceptionally(new WirelessLinkException(WirelessLinkException.Kind.INVALID_COMMAND,
                    head.command + " for " + device + " not sent: " + wrong.get() + "; fix the command's payload"));
            return next();
        }
        outstanding = head;
        outstandingAccessNumber = acc;
        phase = Phase.COMMAND;
        counters.commandsSent++;
        return new Outgoing(head.command.request().cField(), head.command.request().ci(), acc, encoded.configuration(),
                encoded.data(), head.command + " attempt " + head.attempts);
    }

    private Outgoing end(String why) {
        LOG.debug("{}: ending the frequent access cycle: {}", device, why);
        close();
        counters.cycleEnds++;
        return new Outgoing(EmeterFrames.SND_NKE, EmeterFrames.CI_NO_DATA, accessNumbers.getAsInt(),
                org.p2gate.mbus.transport.ConfigurationWord.NONE, new byte[0], "SND_NKE (" + why + ")");
    }

    private void close() {
        active = false;
        phase = Phase.IDLE;
        outstanding = null;
        repeatDue = false;
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
