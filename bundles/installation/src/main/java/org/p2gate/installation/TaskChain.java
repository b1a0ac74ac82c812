package org.p2gate.installation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.Channel;
import org.p2gate.master.CommandResult;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.master.P2Master;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed tasks after a wired binding, in order (P2 4.2.2 §8.1, §8.3.1.1 "Assumptions", §8.3.1.2): keys (the
 * head-end's, transferred before the readout list is changed), capture definition (a REQ_UD2: the device type
 * read fixes it), readout list (versions and configuration, then SND_NKE), clock. A step that fails is retried
 * {@link InstallationSettings#stepRetries()} times, {@link InstallationSettings#retryDelay()} apart; the readout
 * list's retries are the master's (P2 §6.3.1: "a maximum of 2 retries"). Runs in installation's scheduler tasks;
 * each step is a master operation, so the chain never holds the bus between steps.
 */
final class TaskChain {

    private static final Logger LOG = LoggerFactory.getLogger(TaskChain.class);

    /** P2 §8.1: "the readout list is changed to read out the firmware and hardware versions and the meter
     *  configuration data": FD 0C–0F (§6.4.2) and FD 67 (§6.4.8). */
    static final List<ValueInformationBlock> INSTALLATION_READOUT = readout();

    private final Channel channel;
    private final P2Master master;
    private final Scheduler scheduler;
    private final InstallationSettings settings;
    private final Consumer<ChannelProgress> report;
    private ChannelProgress progress;
    /** Bumped by every start and cancel: outcomes of an older run are dropped. */
    private int run;

    TaskChain(Channel channel, P2Master master, Scheduler scheduler, InstallationSettings settings, DeviceMode mode,
            Consumer<ChannelProgress> report) {
        this.channel = channel;
        this.master = master;
        this.scheduler = scheduler;
        this.settings = settings;
        this.report = report;
        this.progress = new ChannelProgress(channel, mode, TaskStep.KEYS, "bound");
    }

    ChannelProgress progress() {
        return progress;
    }

    /** Runs the chain from {@code first}. */
    void start(TaskStep first) {
        run++;
        step(first, 0, run);
    }

    /** Resumes a chain a restart cut short, at {@code step} (DONE never is: a chain that is done is not kept). */
    void resume(TaskStep step) {
        run++;
        switch (step) {
            case WAITING_FOR_KEYS -> waitForKeys("the head-end's keys were awaited before the restart; set_encryption_key"
                    + " and transfer_key continue");
            case FAILED -> update(TaskStep.FAILED, "failed before the restart; slave_install or a key transfer starts the"
                    + " tasks again");
            default -> {
                update(step, "resumed after a restart");
                step(step, 0, run);
            }
        }
    }

    void cancel() {
        run++;
    }

    /**
     * The head-end's keys changed (P2 §8.3.1.1, §8.4.2.4: "After transferring the keys by the CS, the E-meter shall
     * autonomically set the capture definition, change and get the read-out list and set the clock"): once the device
     * and the E-meter both have the user key, the chain runs from the capture definition, encrypted — whether it was
     * waiting for the keys, done unencrypted (no key was known at the binding: README "Installation"), failed, or
     * still running its unencrypted steps. A chain at its first step (KEYS) reads the key status itself; one never
     * started (made for the keys of a channel whose chain ended before a restart) starts here.
     */
    void keysChanged() {
        boolean atFirstStep = progress.step() == TaskStep.KEYS && run > 0;
        // P2 §8.4.2.2: a wireless device delivered with a user key the E-meter lacked may be read once the key is set
        boolean mayReadNow = progress.step() == TaskStep.WAITING_FOR_KEYS
                && master.channel(channel).keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_SET
                && master.waitingForKeySince(channel).isPresent();
        if (!atFirstStep && (keysComplete() || mayReadNow)) {
            if (progress.step() != TaskStep.WAITING_FOR_KEYS) {
                LOG.info("{}: the head-end's keys arrived after the tasks ran ({}): capture definition, readout list and "
                        + "clock again, encrypted", channel, progress.step());
            }
            update(TaskStep.CAPTURE_DEFINITION, "the keys arrived (" + master.channel(channel).keyStatus()
                    + "): the tasks run again, encrypted");
            start(TaskStep.CAPTURE_DEFINITION);
        }
    }

    private boolean keysComplete() {
        EncryptionKeyStatus status = master.channel(channel).keyStatus();
        return status == EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED
                || status == EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE;
    }

    private void step(TaskStep step, int attempt, int myRun) {
        if (myRun != run) {
            return;
        }
        switch (step) {
            case KEYS -> keys(myRun);
            case CAPTURE_DEFINITION -> perform(step, attempt, myRun, master.read(channel));
            case READOUT_LIST -> perform(step, attempt, myRun, master.readSelected(channel, INSTALLATION_READOUT));
            case CLOCK -> perform(step, attempt, myRun, master.synchroniseClock(channel));
            default -> throw new IllegalArgumentException("not a step to run: " + step);
        }
    }

    /** P2 §8.1: "The User keys need to be transferred before the readout list is changed." */
    private void keys(int myRun) {
        EncryptionKeyStatus status = master.channel(channel).keyStatus();
        switch (status) {
            case ENCRYPTION_KEY_SET -> waitForKeys("set_encryption_key arrived; the device gets the key with transfer_key "
                    + "(key_data), which the installation waits for");
            case ENCRYPTION_KEY_TRANSFERRED -> waitForKeys("the device was sent a user key the E-meter does not have; "
                    + "the installation waits for set_encryption_key");
            default -> {
                update(TaskStep.CAPTURE_DEFINITION, status == EncryptionKeyStatus.NO_ENCRYPTION_KEY
                        ? "no user key from the head-end: the device is addressed unencrypted"
                        : "the user key is transferred (" + status + ")");
                step(TaskStep.CAPTURE_DEFINITION, 0, myRun);
            }
        }
    }

    private void perform(TaskStep step, int attempt, int myRun, CompletableFuture<CommandResult> operation) {
        if (attempt == 0) {
            update(step, "running");
        }
        scheduler.completeOn(operation).handle((result, error) -> error == null ? result
                : CommandResult.of(channel, step.name(), Outcome.FAILED, Scheduler.unwrap(error).toString()))
                .thenAccept(result -> {
                    if (myRun != run) {
                        return;
                    }
                    if (result.done()) {
                        if (step == TaskStep.CAPTURE_DEFINITION) {
                            progress = progress.with(DeviceMode.CUSTOMER);
                        }
                        TaskStep next = next(step);
                        update(next, step + " done: " + result.detail());
                        if (next != TaskStep.DONE) {
                            step(next, 0, myRun);
                        } else {
                            LOG.info("{}: installation tasks done", channel);
                        }
                        return;
                    }
                    if (step == TaskStep.CAPTURE_DEFINITION && result.outcome() == Outcome.REJECTED && !keysComplete()) {
                        // P2 §8.3.1.2: a preconfigured device may be encrypted; its user key comes from the head-end
                        waitForKeys("the device's answer cannot be used (" + result.detail() + "): it is encrypted with a"
                                + " user key the E-meter does not have; set_encryption_key and transfer_key continue");
                        return;
                    }
                    boolean retry = step != TaskStep.READOUT_LIST && attempt < settings.stepRetries()
                            && result.outcome() != Outcome.REFUSED;
                    if (retry) {
                        LOG.info("{}: {} {} ({}); retry {} of {} in {}", channel, step, result.outcome(), result.detail(),
                                attempt + 1, settings.stepRetries(), settings.retryDelay());
                        update(step, result.outcome() + ": " + result.detail() + "; retrying");
                        scheduler.schedule(settings.retryDelay(), () -> step(step, attempt + 1, myRun));
                        return;
                    }
                    LOG.warn("{}: installation step {} failed: {}: {}; slave_install or a key transfer starts the tasks"
                            + " again", channel, step, result.outcome(), result.detail());
                    update(TaskStep.FAILED, step + " " + result.outcome() + ": " + result.detail());
                });
    }

    private void waitForKeys(String why) {
        LOG.info("{}: installation waits for the head-end's keys: {}", channel, why);
        update(TaskStep.WAITING_FOR_KEYS, why);
    }

    private void update(TaskStep step, String detail) {
        progress = progress.with(step, detail);
        report.accept(progress);
    }

    private static TaskStep next(TaskStep step) {
        return switch (step) {
            case KEYS -> TaskStep.CAPTURE_DEFINITION;
            case CAPTURE_DEFINITION -> TaskStep.READOUT_LIST;
            case READOUT_LIST -> TaskStep.CLOCK;
            default -> TaskStep.DONE;
        };
    }

    private static List<ValueInformationBlock> readout() {
        List<ValueInformationBlock> items = new ArrayList<>(P2Master.VERSION_ITEMS);
        items.add(ValueInformationBlock.of(0xFD, 0x67));
        return List.copyOf(items);
    }
}
