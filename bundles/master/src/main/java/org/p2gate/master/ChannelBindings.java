package org.p2gate.master;

import static org.p2gate.master.P2Master.done;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.OperationQueue;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.transport.ShortId;

/**
 * Which device each channel is bound to (P2 4.2.2 §8.3, §8.4.2.1): binding a free channel, pinning a wired channel to
 * a Short ID, and freeing a channel. Each change runs as one operation of the master's queue.
 */
final class ChannelBindings {

    private final OperationQueue operations;
    private final MasterStore store;
    private final ChannelEvents events;
    private final Optional<WiredChannels> wired;
    private final Optional<WirelessChannels> wireless;

    ChannelBindings(OperationQueue operations, MasterStore store, ChannelEvents events, Optional<WiredChannels> wired,
            Optional<WirelessChannels> wireless) {
        this.operations = operations;
        this.store = store;
        this.events = events;
        this.wired = wired;
        this.wireless = wireless;
    }

    /**
     * P2 §8.3.1.1: the head-end wrote the Short ID attributes of a channel bound to a wired address ("primary_address
     * and Short ID attributes"): only that device may be the channel's. A device read before is compared at once; if
     * none was, the Short ID becomes the channel's device (every other device's answer is rejected, §4.2.2) and the
     * device is read now. REFUSED, naming both, when the device at the address is another one; done otherwise (also
     * when nothing answers now: the channel then waits for that device).
     */
    CompletableFuture<CommandResult> expectDevice(Channel channel, ShortId device) {
        String name = "bind by Short ID";
        return operations.submit(() -> {
            ChannelState state = store.channel(channel);
            if (!(state.binding().orElse(null) instanceof Binding.Wired wiredBinding)) {
                return done(channel, name, Outcome.REFUSED, "the channel is not bound to a wired address");
            }
            if (state.device().isPresent()) {
                return done(channel, name, state.device().get().equals(device) ? Outcome.DONE : Outcome.REFUSED,
                        "the device at primary address " + wiredBinding.primaryAddress() + " is " + state.device().get()
                                + (state.device().get().equals(device) ? "" : ", not " + device));
            }
            store.put(state.withExpectedDevice(device));
            return wired.orElseThrow().read(channel, wiredBinding.primaryAddress()).thenApply(read -> {
                if (read.outcome() == Outcome.REJECTED && read.detail().startsWith(RejectionReason.WRONG_DEVICE.name())) {
                    return CommandResult.of(channel, name, Outcome.REFUSED, "the device at primary address "
                            + wiredBinding.primaryAddress() + " is not " + device + ": " + read.detail());
                }
                return CommandResult.of(channel, name, Outcome.DONE, device + " at primary address "
                        + wiredBinding.primaryAddress() + (read.done() ? " read" : "; not read now (" + read.outcome()
                        + "): only its answers are accepted"));
            });
        });
    }

    /**
     * Binds a free channel to a wired device's primary address or a wireless device's Short ID and raises "new M-Bus
     * device discovered"; refused if the channel is bound or another channel has the address or Short ID.
     */
    CompletableFuture<CommandResult> bind(Channel channel, Binding binding) {
        String what = binding instanceof Binding.Wired wired ? "primary address " + wired.primaryAddress()
                : "Short ID " + ((Binding.Wireless) binding).shortId();
        return operations.submit(() -> {
            ChannelState state = store.channel(channel);
            if (state.binding().isPresent()) {
                return done(channel, "bind", Outcome.REFUSED, "the channel is bound already; unbind it first");
            }
            for (Channel other : Channel.ALL) {
                if (store.channel(other).binding().filter(binding::equals).isPresent()) {
                    return done(channel, "bind", Outcome.REFUSED, what + " is bound to " + other + " already");
                }
            }
            store.put(ChannelState.empty(channel).withBinding(Optional.of(binding)));
            events.forget(channel);
            if (binding instanceof Binding.Wireless w) {
                // P2 §8.4.2.1: registered; the link confirms the device's next SND_IR and serves its FACs
                wireless.ifPresent(link -> link.register(w.shortId()));
            }
            events.publish(channel, MBusEventKind.NEW_DEVICE_DISCOVERED);
            return done(channel, "bind", Outcome.DONE, "bound to " + what + (binding instanceof Binding.Wireless
                    && wireless.isEmpty() ? " (no radio configured: nothing is received from it)" : ""));
        });
    }

    /**
     * Frees a channel: its state and keys are forgotten (the hourly values and events stay), but not its device's
     * replay floor (P2 §5.2: the frame counter "is never reset"; {@link ReplayFloor}), kept first.
     */
    CompletableFuture<CommandResult> unbind(Channel channel) {
        return operations.submit(() -> {
            ChannelState state = store.channel(channel);
            if (state.binding().orElse(null) instanceof Binding.Wireless w) {
                wireless.ifPresent(link -> link.deregister(w.shortId()));
            }
            state.device().flatMap(device -> ReplayFloor.of(state, store.replayFloor(device)))
                    .ifPresent(store::putReplayFloor);
            store.put(ChannelState.empty(channel));
            store.putKeys(channel, ChannelKeys.NONE);
            events.forget(channel);
            return done(channel, "unbind", Outcome.DONE, "the channel is free");
        });
    }
}
