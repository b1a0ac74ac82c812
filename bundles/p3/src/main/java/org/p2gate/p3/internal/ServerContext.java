package org.p2gate.p3.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.p3.P3Settings;

/**
 * What all connections share: the device, the settings, the counters, and the service lock.
 *
 * <p>The service lock serialises every call into Gurux and the {@link CosemDevice} (its objects are
 * shared and not thread-safe, see its javadoc). It is held only while a request is processed in
 * memory, never during socket I/O.
 */
record ServerContext(CosemDevice device, P3Settings settings, Refusals refusals, ReplayGuard replayGuard,
        SendCounter sendCounter, Suite0Cipher cipher, ReentrantLock serviceLock) {
}
