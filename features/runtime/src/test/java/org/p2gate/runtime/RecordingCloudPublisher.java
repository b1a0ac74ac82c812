package org.p2gate.runtime;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;

/**
 * A Kura CloudPublisher (registered with a kura.service.pid, as Kura's are) that keeps every message it is given;
 * its listener methods do nothing.
 */
final class RecordingCloudPublisher {

    private final List<KuraMessage> published = new ArrayList<>();

    /** The CloudPublisher service object: publish records the message, the listener methods are ignored. */
    CloudPublisher service() {
        return (CloudPublisher) Proxy.newProxyInstance(CloudPublisher.class.getClassLoader(),
                new Class<?>[] {CloudPublisher.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "publish" -> publish((KuraMessage) args[0]);
                    case "toString" -> "RecordingCloudPublisher";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private synchronized String publish(KuraMessage message) {
        published.add(message);
        notifyAll();
        return String.valueOf(published.size());
    }

    /** Waits for a message that passes the filter; fails with what was published if none comes in time. */
    synchronized KuraMessage await(Predicate<KuraMessage> filter, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (KuraMessage message : published) {
                if (filter.test(message)) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " published within " + seconds + " s; published: "
                        + published.stream().map(RecordingCloudPublisher::describe).toList());
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    static String body(KuraMessage message) {
        byte[] body = message.getPayload().getBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String describe(KuraMessage message) {
        return message.getProperties() + " " + body(message);
    }
}
