package org.p2gate.mbus.wired;

/** Told of a scan's progress; called on the link's worker, so it must return quickly. */
public interface ScanListener {

    /** Address {@code address} (the {@code index}-th, from 1, of {@code total}) is being probed. */
    void probing(int address, int index, int total);

    /** A device answered at its address. */
    default void found(FoundDevice device) {}

    /** Ignores everything. */
    ScanListener NONE = (address, index, total) -> {};
}
