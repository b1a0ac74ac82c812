package org.p2gate.p3.server;

import java.util.concurrent.locks.ReentrantLock;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.p3.P3Settings;

/**
 * What all connections share: the device, the settings, the counters, and the service lock.
 *
 * <p>The service lock serialises the calls into the {@link CosemDevice}'s read, write and action (its
 * objects are shared and not thread-safe, see its javadoc) and the building of association views. Each
 * connection's Gurux session is its own and runs without it; it is never held during socket I/O.
 */
record ServerContext(CosemDevice device, P3Settings settings, Refusals refusals, ReplayGuard replayGuard,
        SendCounter sendCounter, Suite0Cipher cipher, ReentrantLock serviceLock, java.util.concurrent.Semaphore processing) {
}
