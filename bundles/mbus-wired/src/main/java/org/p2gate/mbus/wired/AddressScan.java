package org.p2gate.mbus.wired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan of primary addresses by a {@link WiredLink} (see {@link WiredLink#scan(List, ScanListener)}): each
 * address in turn, SND_NKE and where E5h comes back REQ_UD2 (P2 §4.3.1). Worker only.
 */
final class AddressScan {

    private static final Logger LOG = LoggerFactory.getLogger(WiredLink.class);

    private final WiredLink link;
    private final int[] addresses;
    private final ScanListener listener;
    private final List<FoundDevice> found = new ArrayList<>();
    private final List<LinkException> unreadable = new ArrayList<>();
    final CompletableFuture<ScanResult> result = new CompletableFuture<>();

    AddressScan(WiredLink link, int[] addresses, ScanListener listener) {
        this.link = link;
        this.addresses = addresses;
        this.listener = listener;
    }

    void probe(int index) {
        if (result.isDone()) {
            return;
        }
        if (index == addresses.length) {
            LOG.info("{}: scan of {} addresses found {} device(s)", link.describe(), addresses.length, found.size());
            result.complete(new ScanResult(addresses.length, found, unreadable));
            return;
        }
        int address = addresses[index];
        listener.probing(address, index + 1, addresses.length);
        Exchange nke = new Exchange("SND_NKE", address, ShortFrame.of(LinkFunction.SND_NKE, address),
                Exchange.Expect.ACK, false);
        nke.result.whenComplete((ack, error) -> {
            if (error == null) {
                Exchange read = WiredLink.requestUserData(address);
                read.result.whenComplete((rsp, readError) -> {
                    if (readError == null) {
                        FoundDevice device = new FoundDevice(address, (LongFrame) rsp);
                        found.add(device);
                        listener.found(device);
                        probe(index + 1);
                    } else if (readError instanceof LinkException le && le.kind() != LinkException.Kind.CLOSED
                            && le.kind() != LinkException.Kind.TRANSPORT_FAILED) {
                        // it acknowledged SND_NKE, so something is there: report it even if it stayed silent
                        unreadable.add(le);
                        probe(index + 1);
                    } else {
                        next(index, readError);
                    }
                });
                link.enqueue(read);
            } else {
                next(index, error);
            }
        });
        link.enqueue(nke);
    }

    private void next(int index, Throwable error) {
        LinkException failure = error instanceof LinkException le ? le
                : new LinkException(LinkException.Kind.CLOSED, addresses[index], null, String.valueOf(error), error);
        switch (failure.kind()) {
            case NO_ANSWER -> probe(index + 1);
            case INVALID_ANSWER, COLLISION -> {
                unreadable.add(failure);
                probe(index + 1);
            }
            default -> result.completeExceptionally(failure);
        }
    }
}
