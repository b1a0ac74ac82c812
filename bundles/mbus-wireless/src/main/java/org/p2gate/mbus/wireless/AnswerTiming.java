package org.p2gate.mbus.wireless;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.transport.ShortId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the radio reported about the answers it sent by itself: inside t_RO or not (EN 13757-4 T2: 2.0–3.0 ms after the
 * trigger's end), and how long before the trigger the host had armed them (its slack). Misses are counted and logged
 * once per meter until an answer goes out again. Worker only, except {@link #slack()}.
 */
final class AnswerTiming {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerTiming.class);
    /** The slack of the latest answers kept for the bench. */
    static final int SLACK_SAMPLES = 4096;
    /** What a radio that does not say when it sent is taken to have done: the middle of t_RO. */
    static final Duration NOMINAL = Duration.ofNanos(2_500_000);

    private final WirelessSettings settings;
    private final LinkCounters counters;
    private final Supplier<String> link;
    private final Map<ShortId, Instant> armedAt = new HashMap<>();
    private final Map<ShortId, Boolean> missLogged = new HashMap<>();
    private final ArrayDeque<Duration> slack = new ArrayDeque<>();
    private volatile List<Duration> slackSnapshot = List.of();

    AnswerTiming(WirelessSettings settings, LinkCounters counters, Supplier<String> link) {
        this.settings = settings;
        this.counters = counters;
        this.link = link;
    }

    void armed(ShortId meter, Instant at) {
        armedAt.put(meter, at);
    }

    /** The radio sent the answer armed for {@code meter} after its frame that ended at {@code triggerEnd}. */
    void answerSent(ShortId meter, SentAnswer answer, Instant triggerEnd) {
        counters.framesSent++;
        Duration start = answer.startAfterTriggerEnd().orElse(NOMINAL);
        if (start.compareTo(settings.responseDelayMin()) >= 0 && start.compareTo(settings.responseDelayMax()) <= 0) {
            counters.answersInWindow++;
            missLogged.remove(meter);
        } else {
            counters.answersOutsideWindow++;
            LOG.warn("{}: the radio's answer to {} started {} ms after its frame, outside t_RO {}..{} ms; the meter does"
                    + " not hear it", link.get(), meter, start.toNanos() / 1e6, settings.responseDelayMin().toNanos() / 1e6,
                    settings.responseDelayMax().toNanos() / 1e6);
        }
        Instant at = armedAt.remove(meter);
        if (at != null) {
            slack.addLast(Duration.between(at, triggerEnd));
            while (slack.size() > SLACK_SAMPLES) {
                slack.removeFirst();
            }
            slackSnapshot = List.copyOf(slack);
        }
    }

    /** An answer was armed for a frame of {@code kind}, yet the radio sent nothing: the window is missed. */
    void notSent(ShortId meter, MessageKind kind) {
        counters.missedWindows++;
        if (missLogged.put(meter, Boolean.TRUE) == null) {
            LOG.warn("{}: {} of {} released no armed answer (armed too late or refused by the radio); the next {} serves"
                    + " (logged once until an answer goes out)", link.get(), kind, meter,
                    kind == MessageKind.SND_IR ? "SND_IR" : "SND_NR");
        }
    }

    List<Duration> slack() {
        return slackSnapshot;
    }
}
