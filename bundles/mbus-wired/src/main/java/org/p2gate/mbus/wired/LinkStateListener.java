package org.p2gate.mbus.wired;

import java.time.Duration;

/**
 * Told when a {@link WiredLink}'s medium goes down and when it is back (reopened by the link itself, see
 * {@link ReopenBackoff}); called in a task of the link's scheduler, once per change of state. Must not block.
 */
public interface LinkStateListener {

    /** The medium failed or could not be opened: requests fail with {@code TRANSPORT_FAILED} until {@link #up}. */
    void down(String reason);

    /** The medium is open again after {@code downFor}. */
    void up(Duration downFor);
}
