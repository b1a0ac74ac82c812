package org.p2gate.installation;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of one scan cycle in pieces (P2 4.2.2 §8.3.1): address 0 ("reserved for unconfigured M-Bus
 * devices") in every piece, then the next unused addresses. Between pieces the master serves any other transfer
 * ("This scan will be suspended for any other data transfer").
 */
final class ScanCycle {

    private final List<Integer> addresses;
    private final int pieceSize;
    private int next;

    /** A cycle over {@code unused} (1..250, ascending), {@code pieceSize} addresses a piece counting address 0. */
    ScanCycle(List<Integer> unused, int pieceSize) {
        this.addresses = List.copyOf(unused);
        this.pieceSize = pieceSize;
    }

    boolean finished() {
        return next >= addresses.size();
    }

    /** The next piece: 0, then up to pieceSize − 1 addresses of the cycle that are still in {@code stillUnused}. */
    List<Integer> nextPiece(List<Integer> stillUnused) {
        List<Integer> piece = new ArrayList<>();
        piece.add(0);
        while (piece.size() < pieceSize && next < addresses.size()) {
            int address = addresses.get(next++);
            if (stillUnused.contains(address)) {
                piece.add(address);
            }
        }
        return piece;
    }
}
