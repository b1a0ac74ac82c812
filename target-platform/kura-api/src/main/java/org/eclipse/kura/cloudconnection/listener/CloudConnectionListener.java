/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura.cloudconnection.listener;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Notified when the state of a cloud connection changes.
 */
@ConsumerType
public interface CloudConnectionListener {

    /** The connection was closed cleanly. */
    public void onDisconnected();

    /** The connection was lost; the cloud stack reconnects by itself. */
    public void onConnectionLost();

    /** The connection has been established. */
    public void onConnectionEstablished();
}
