package org.p2gate.mbus.wired;

import java.util.concurrent.CompletableFuture;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.SingleCharacter;
import org.p2gate.mbus.frame.WiredFrame;

/** One request of a {@link WiredLink}: the frame to send, the answer it expects, and the caller's future. */
final class Exchange {

    /** What answers a request (P2 4.2.2 §4.1 Table 5). */
    enum Expect {
        /** SND_NKE, SND_UD: the single character E5h. */
        ACK("E5h"),
        /** REQ_UD2: a long frame RSP_UD (C = 08h, ACD/DFC ignored: issue 15 item 9, as MessageRules) from the addressed device. */
        RSP_UD("RSP_UD");

        final String label;

        Expect(String label) {
            this.label = label;
        }
    }

    final String name;
    final int address;
    final byte[] wire;
    final Expect expect;
    /** Whether silence is repeated (false for scan probes: an empty address is the normal case). */
    final boolean retryOnSilence;
    /**
     * Whether the link repeats the request at all (false for a command whose repetitions its sender counts and
     * rebuilds: a mode-15 SND_UD needs a fresh frame counter each time, P2 §5.2, §6.3.1; issue 15 item 8).
     */
    final boolean repeatable;
    final CompletableFuture<WiredFrame> result = new CompletableFuture<>();

    Exchange(String name, int address, WiredFrame request, Expect expect, boolean retryOnSilence) {
        this(name, address, request, expect, retryOnSilence, true);
    }

    Exchange(String name, int address, WiredFrame request, Expect expect, boolean retryOnSilence, boolean repeatable) {
        this.name = name;
        this.address = address;
        this.wire = request.encode();
        this.expect = expect;
        this.retryOnSilence = retryOnSilence;
        this.repeatable = repeatable;
    }

    /** Whether {@code frame} is the answer this request waits for. */
    boolean isAnswer(WiredFrame frame) {
        return switch (expect) {
            case ACK -> frame instanceof SingleCharacter;
            case RSP_UD -> frame instanceof LongFrame lf && lf.c().is(LinkFunction.RSP_UD) && lf.address() == address;
        };
    }

    @Override
    public String toString() {
        return name + " to address " + address;
    }
}
