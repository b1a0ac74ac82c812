package org.p2gate.installation;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.Scheduler;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.CommandResult;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.P2Master;
import org.p2gate.mbus.wired.FoundDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a wired device a scan found in a channel (P2 4.2.2 §8.3.1): a device at address 0 first gets the lowest
 * free address (set-address procedure, P2 §6.2.2), checked to be silent before it is given; then the channel is
 * bound to the address (the master raises "new M-Bus device discovered"). Runs in installation's scheduler tasks.
 */
final class WiredBinder {

    static final String NAME = "install";
    private static final Logger LOG = LoggerFactory.getLogger(WiredBinder.class);

    private final P2Master master;
    private final Scheduler scheduler;

    WiredBinder(P2Master master, Scheduler scheduler) {
        this.master = master;
        this.scheduler = scheduler;
    }

    /**
     * Binds {@code channel} to the device found at {@code address}. {@code occupied} holds the addresses where
     * devices were found answering; it grows when a candidate address turns out to be taken.
     */
    CompletableFuture<CommandResult> install(Channel channel, int address, Set<Integer> occupied) {
        if (address != 0) {
            return bind(channel, address, "found at primary address " + address);
        }
        return giveAddress(channel, occupied, 0);
    }

    private CompletableFuture<CommandResult> giveAddress(Channel channel, Set<Integer> occupied, int attempts) {
        OptionalInt free = AddressAllocator.lowestFree(AddressAllocator.bound(master), occupied);
        if (free.isEmpty() || attempts > AddressAllocator.MAX_ADDRESS) {
            return done(channel, Outcome.FAILED, "no free primary address 1..250 is left for the device at address 0");
        }
        int target = free.getAsInt();
        // the allocation must not put the device on top of an unregistered one: probe the address first
        return scheduler.completeOn(master.scan(List.of(target))).thenCompose(probe -> {
            if (!probe.found().isEmpty() || !probe.unreadable().isEmpty()) {
                LOG.info("{}: address {} answers already; trying the next free one for the device at address 0", channel,
                        target);
                occupied.add(target);
                return giveAddress(channel, occupied, attempts + 1);
            }
            // P2 §8.3.1: "The E-meter will select an unused device address and set the new M-Bus device's address"
            return scheduler.completeOn(master.assignAddress(channel, 0, target)).thenCompose(assigned -> assigned.done()
                    ? bind(channel, target, "the unconfigured device at address 0 has address " + target + " now")
                    : done(channel, assigned.outcome(), "giving the device at address 0 address " + target + ": "
                            + assigned.detail()));
        });
    }

    private CompletableFuture<CommandResult> bind(Channel channel, int address, String how) {
        return scheduler.completeOn(master.bind(channel, new Binding.Wired(address))).thenApply(bound -> CommandResult.of(channel,
                NAME, bound.outcome(), how + "; " + bound.detail()));
    }

    static CompletableFuture<CommandResult> done(Channel channel, Outcome outcome, String detail) {
        return CompletableFuture.completedFuture(CommandResult.of(channel, NAME, outcome, detail));
    }

    /** The address of each device found, in probing order (address 0 first when it answered). */
    static List<Integer> addresses(List<FoundDevice> found) {
        return found.stream().map(FoundDevice::address).toList();
    }
}
