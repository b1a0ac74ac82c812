package org.p2gate.kura.publish;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;

/** A CloudPublisher that records what it is given, or refuses it while {@link #failing} is set. */
final class FakeCloudPublisher implements CloudPublisher {

    final List<KuraMessage> published = new ArrayList<>();
    boolean failing;
    int refused;

    @Override
    public synchronized String publish(KuraMessage message) throws KuraException {
        if (failing) {
            refused++;
            throw new KuraException(KuraErrorCode.NOT_CONNECTED, "cloud connection down");
        }
        published.add(message);
        return String.valueOf(published.size());
    }

    @Override
    public void registerCloudConnectionListener(CloudConnectionListener listener) {
    }

    @Override
    public void unregisterCloudConnectionListener(CloudConnectionListener listener) {
    }

    @Override
    public void registerCloudDeliveryListener(CloudDeliveryListener listener) {
    }

    @Override
    public void unregisterCloudDeliveryListener(CloudDeliveryListener listener) {
    }
}
