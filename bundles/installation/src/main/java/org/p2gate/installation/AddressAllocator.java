package org.p2gate.installation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.P2Master;

/** Primary addresses 1..250 (P2 4.2.2 §3.1.3, §8.3.1): which are unused, and the lowest free one for a device at 0. */
final class AddressAllocator {

    /** P2 §3.1.3: primary addresses 1..250. */
    static final int MAX_ADDRESS = 250;

    private AddressAllocator() {}

    /** The addresses 1..250 no channel is bound to, ascending (P2 §8.3.1: "scan all unused addresses"). */
    static List<Integer> unused(P2Master master) {
        List<Integer> bound = bound(master);
        List<Integer> unused = new ArrayList<>();
        for (int address = 1; address <= MAX_ADDRESS; address++) {
            if (!bound.contains(address)) {
                unused.add(address);
            }
        }
        return unused;
    }

    /** The primary addresses of the wired channels. */
    static List<Integer> bound(P2Master master) {
        List<Integer> bound = new ArrayList<>();
        for (Channel channel : Channel.ALL) {
            if (master.channel(channel).binding().orElse(null) instanceof Binding.Wired wired) {
                bound.add(wired.primaryAddress());
            }
        }
        return bound;
    }

    /**
     * P2 §8.3.1: "The E-meter will select an unused device address": the lowest address 1..250 that no channel is
     * bound to and where no device was found answering ({@code occupied}).
     */
    static OptionalInt lowestFree(List<Integer> bound, Set<Integer> occupied) {
        for (int address = 1; address <= MAX_ADDRESS; address++) {
            if (!bound.contains(address) && !occupied.contains(address)) {
                return OptionalInt.of(address);
            }
        }
        return OptionalInt.empty();
    }

    /** The lowest channel without a binding (P2 §8.3.1: "only four M-Bus devices can be connected"). */
    static Optional<Channel> freeChannel(P2Master master) {
        return Channel.ALL.stream().filter(c -> master.channel(c).binding().isEmpty()).findFirst();
    }
}
