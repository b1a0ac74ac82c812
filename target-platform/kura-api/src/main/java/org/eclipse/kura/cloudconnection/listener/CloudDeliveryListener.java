/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura.cloudconnection.listener;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Notified when a published message is confirmed; called synchronously, so implementations must return quickly.
 */
@ConsumerType
public interface CloudDeliveryListener {

    /**
     * @param messageId the identifier that {@code CloudPublisher.publish} returned for the message
     */
    public void onMessageConfirmed(String messageId);
}
