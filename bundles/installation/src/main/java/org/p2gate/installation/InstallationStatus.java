package org.p2gate.installation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.p2gate.mbus.wireless.InstallationCandidate;

/**
 * A snapshot of installation: the mode, its trigger and end, the channels installed since start, the candidates.
 *
 * @param mode       on or off
 * @param trigger    what started the mode (when on)
 * @param endsAt     when the window closes (when on; P2 §8.3.1: one hour after the trigger)
 * @param channels   the channels installation bound since it started, channel order
 * @param candidates the wireless devices heard in installation mode, newest first
 * @param rejected   how many events were rejected since start
 */
public record InstallationStatus(ModeState mode, Optional<ModeEvent> trigger, Optional<Instant> endsAt,
        List<ChannelProgress> channels, List<InstallationCandidate> candidates, long rejected) {

    public InstallationStatus {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(endsAt, "endsAt");
        channels = List.copyOf(channels);
        candidates = List.copyOf(candidates);
    }
}
