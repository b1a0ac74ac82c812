package org.p2gate.headend.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.p2gate.headend.ChannelSetup;
import org.p2gate.headend.EventEntry;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndException;
import org.p2gate.headend.MethodResult;
import org.p2gate.headend.MeterValue;
import org.p2gate.headend.cli.Reports.Outcome;

/**
 * {@code capture --channel N [--wait S]}: invokes capture (class 72 method 3) and reports what became of it as far as
 * the head-end can see over P3. The gateway answers the method when the read is queued, not when it is done, so the
 * command then watches the channel: a new answer accepted from the device changes its access number (or the value's
 * capture time); a new event of the channel tells of trouble. Without either within the wait, it says so plainly.
 */
final class CaptureCommand {

    /** How long to watch for the outcome by default: a wired read with its retries takes a few seconds. */
    static final int DEFAULT_WAIT_SECONDS = 15;
    private static final Duration POLL = Duration.ofMillis(250);

    /** How the command waits between looks (tests pass a pause that does not sleep). */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final int channel;
    private final Duration wait;
    private final Pause pause;

    CaptureCommand(int channel, Duration wait, Pause pause) {
        this.channel = channel;
        this.wait = Objects.requireNonNull(wait, "wait");
        this.pause = pause;
    }

    Outcome run(HeadEndClient client) throws HeadEndException {
        ChannelSetup setupBefore = client.channelSetup(channel);
        MeterValue valueBefore = client.value(channel);
        List<EventEntry> eventsBefore = client.events();
        MethodResult invoked = client.capture(channel);
        Map<String, Object> json = new LinkedHashMap<>(Reports.method(channel, invoked));
        if (!invoked.success()) {
            json.put("outcome", "refused");
            return new Outcome(json, Reports.methodText(channel, invoked), false);
        }
        if (wait.isZero()) {
            json.put("outcome", "queued");
            return new Outcome(json, String.format("channel %d: capture queued by the gateway (not watched: --wait 0; "
                    + "`read --channel %d` shows the outcome)%n", channel, channel), true);
        }
        long polls = Math.max(1, wait.toMillis() / POLL.toMillis());
        for (long i = 0; i < polls; i++) {
            sleep();
            ChannelSetup setup = client.channelSetup(channel);
            MeterValue value = client.value(channel);
            if (setup.accessNumber() != setupBefore.accessNumber()
                    || !value.captureTime().equals(valueBefore.captureTime())) {
                json.put("outcome", "read");
                json.put("accessNumber", setup.accessNumber());
                json.put("value", Reports.value(value));
                return new Outcome(json, String.format("channel %d: capture done: the device answered (access number "
                        + "%d); value %s %s, captured %s%n", channel, setup.accessNumber(), value.value().toPlainString(),
                        value.unit(), value.captureTime().map(Object::toString).orElse("never")), true);
            }
        }
        List<EventEntry> newEvents = newEvents(eventsBefore, client.events());
        json.put("outcome", "not-seen");
        json.put("events", newEvents.stream().map(Reports::event).toList());
        StringBuilder text = new StringBuilder(String.format("channel %d: capture queued by the gateway, but no new "
                + "answer from the device was accepted within %d s: the gateway rejected the answer or got none (its log "
                + "says why; a wireless device is read at its next transmission)%n", channel, wait.toSeconds()));
        newEvents.forEach(e -> text.append("  new event: ").append(Reports.eventText(e)));
        return new Outcome(json, text.toString(), false);
    }

    /** The entries of the channel in {@code after} that were not in {@code before}. */
    private List<EventEntry> newEvents(List<EventEntry> before, List<EventEntry> after) {
        var seen = new HashSet<>(before);
        return after.stream().filter(e -> !seen.contains(e))
                .filter(e -> e.channel().isEmpty() || e.channel().getAsInt() == channel).toList();
    }

    private void sleep() throws HeadEndException {
        try {
            pause.pause(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadEndException(HeadEndException.Kind.UNEXPECTED_ANSWER, "interrupted while watching the capture");
        }
    }

    /** {@code --wait SECONDS}, 0..3600, default {@value #DEFAULT_WAIT_SECONDS}. */
    static Duration waitOption(CliArguments a) throws UsageException {
        return Duration.ofSeconds(a.number("--wait", DEFAULT_WAIT_SECONDS, 0, 3600));
    }
}
