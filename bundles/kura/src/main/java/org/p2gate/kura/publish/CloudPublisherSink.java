package org.p2gate.kura.publish;

import java.time.Duration;
import java.util.List;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.p2gate.master.publish.Reading;
import org.p2gate.master.publish.ReadingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings through a Kura CloudPublisher, one message each; a reading counts as published once {@code publish}
 * returned (Kura's data service then owns it: it keeps QoS ≥ 1 messages in its own store until delivered).
 */
final class CloudPublisherSink implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(CloudPublisherSink.class);

    private final CloudPublisher cloud;
    private final Duration retry;

    CloudPublisherSink(CloudPublisher cloud, Duration retry) {
        this.cloud = cloud;
        this.retry = retry;
    }

    @Override
    public int publish(List<Reading> readings) {
        for (int i = 0; i < readings.size(); i++) {
            Reading reading = readings.get(i);
            try {
                cloud.publish(Payloads.message(reading));
            } catch (KuraException | RuntimeException e) {
                LOG.warn("cannot publish the {} of {} at {} through the cloud publisher ({}): kept, retried in {} s; "
                        + "check the cloud connection and CloudPublisher.target of {}", reading.type(),
                        reading.channel(), reading.time(), e.getMessage(), retry.toSeconds(), PublisherConfig.PID);
                return i;
            }
        }
        return readings.size();
    }
}
