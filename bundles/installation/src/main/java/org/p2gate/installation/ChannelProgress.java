package org.p2gate.installation;

import java.util.Objects;
import org.p2gate.master.Channel;

/**
 * What installation knows of one channel it bound since it started: the device's mode and the task chain's step.
 *
 * @param channel the channel
 * @param mode    the device's state as the E-meter sees it (P2 §8.2)
 * @param step    where the task chain stands
 * @param detail  the last step's outcome, for a person
 */
public record ChannelProgress(Channel channel, DeviceMode mode, TaskStep step, String detail) {

    public ChannelProgress {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
    }

    ChannelProgress with(TaskStep newStep, String newDetail) {
        return new ChannelProgress(channel, mode, newStep, newDetail);
    }

    ChannelProgress with(DeviceMode newMode) {
        return new ChannelProgress(channel, newMode, step, detail);
    }

}
