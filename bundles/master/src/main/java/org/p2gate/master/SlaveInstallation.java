package org.p2gate.master;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.mbus.wired.FoundDevice;
import org.p2gate.mbus.wired.ScanResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * COSEM slave_install on a wired channel (P2 4.2.2 §8.3.1.2, Figure 10): one scan cycle over address 0
 * and the unused addresses 1..250 ("Scanning for new devices shall be done in one scan-cycle and not
 * during 1 hour"), then "the regular installation procedures": change the M-Bus address if needed, bind,
 * read, get the read-out list (versions and configuration), synchronise the clock. Each step is a queued
 * master operation; the steps after the binding are reported, and their failure does not undo it (the
 * hourly poll and the head-end retry them).
 */
final class SlaveInstallation {

    static final String NAME = "slave install";
    private static final Logger LOG = LoggerFactory.getLogger(SlaveInstallation.class);

    private final P2Master master;

    SlaveInstallation(P2Master master) {
        this.master = master;
    }

    CompletableFuture<CommandResult> install(Channel channel) {
        List<Integer> addresses = new ArrayList<>();
        addresses.add(0); // P2 §8.3.1: "Address 0 is reserved for unconfigured M-Bus devices"
        List<Integer> unused = master.unusedAddresses();
        addresses.addAll(unused);
        LOG.info("{}: {}: scanning address 0 and {} unused addresses", channel, NAME, unused.size());
        return master.scan(addresses).thenCompose(scan -> chosen(channel, scan, unused))
                .exceptionally(error -> CommandResult.of(channel, NAME, Outcome.FAILED, "the scan failed: " + error));
    }

    private CompletableFuture<CommandResult> chosen(Channel channel, ScanResult scan, List<Integer> unused) {
        List<Integer> found = scan.found().stream().map(FoundDevice::address).toList();
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(CommandResult.of(channel, NAME, Outcome.FAILED,
                    "no new device answered at address 0 or the " + unused.size() + " unused addresses"
                            + (scan.unreadable().isEmpty() ? "" : " (" + scan.unreadable().size()
                                    + " garbled answers: two devices at one address?)")));
        }
        int address = found.get(0); // address 0 is probed first: an unconfigured device is installed first
        if (found.size() > 1) {
            LOG.info("{}: {}: also found devices at {}; install them on other channels", channel, NAME,
                    found.subList(1, found.size()));
        }
        if (address != 0) {
            return bindAndInstall(channel, address);
        }
        // P2 §8.3.1: "The E-meter will select an unused device address and set the new M-Bus device's address to that"
        int target = unused.stream().filter(a -> !found.contains(a)).findFirst().orElse(-1);
        if (target < 0) {
            return CompletableFuture.completedFuture(CommandResult.of(channel, NAME, Outcome.FAILED,
                    "no free primary address is left for the device at address 0"));
        }
        return master.assignAddress(channel, 0, target).thenCompose(assigned -> assigned.done()
                ? bindAndInstall(channel, target)
                : CompletableFuture.completedFuture(CommandResult.of(channel, NAME, assigned.outcome(),
                        "giving the unconfigured device address " + target + ": " + assigned.detail())));
    }

    private CompletableFuture<CommandResult> bindAndInstall(Channel channel, int address) {
        return master.bind(channel, new Binding.Wired(address)).thenCompose(bound -> {
            if (!bound.done()) {
                return CompletableFuture.completedFuture(CommandResult.of(channel, NAME, bound.outcome(), bound.detail()));
            }
            CompletableFuture<CommandResult> read = master.read(channel);
            CompletableFuture<CommandResult> versions = master.readVersions(channel);
            CompletableFuture<CommandResult> clock = master.synchroniseClock(channel);
            return CompletableFuture.allOf(read, versions, clock).handle((ok, error) -> CommandResult.of(channel, NAME,
                    Outcome.DONE, "bound to primary address " + address + "; " + step(read) + "; " + step(versions) + "; "
                            + step(clock)));
        });
    }

    private static String step(CompletableFuture<CommandResult> step) {
        CommandResult result = step.isCompletedExceptionally() ? null : step.join();
        return result == null ? "a step failed" : result.command() + ": " + result.outcome().name().toLowerCase();
    }
}
