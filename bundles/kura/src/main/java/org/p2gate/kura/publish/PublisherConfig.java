package org.p2gate.kura.publish;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the cloud publishing, PID {@value #PID}. Inert by default: the target matches no publisher. */
@ObjectClassDefinition(id = PublisherConfig.PID, name = "p2gate cloud publishing",
        description = "Publishes every hourly M-Bus value and every M-Bus event as a KuraPayload through the chosen "
                + "Cloud Publisher (metric names: p2gate README, section Kura).")
public @interface PublisherConfig {

    String PID = "org.p2gate.kura.publisher";

    /** The default target, matching no publisher: nothing is published until one is chosen. */
    String NO_PUBLISHER = "(kura.service.pid=changeme)";

    @AttributeDefinition(name = "CloudPublisher Target Filter",
            description = "The Cloud Publisher to publish through, as an OSGi filter on its kura.service.pid "
                    + "(choose it in the web UI). The default matches none: nothing is published.")
    String CloudPublisher_target() default NO_PUBLISHER;

    @AttributeDefinition(name = "Check interval (seconds)",
            description = "How often the master's store is checked for new hourly values, and failed publications "
                    + "are retried.", min = "10", max = "3600")
    int check_interval_seconds() default 60;

    @AttributeDefinition(name = "Backfill (hours)",
            description = "How far back hourly values are published for a channel of which none was ever "
                    + "published (the first start); otherwise publishing resumes after the last published value.",
            min = "0", max = "2160")
    int backfill_hours() default 24;

    @AttributeDefinition(name = "Event backlog",
            description = "The most M-Bus events kept while they cannot be published; beyond it the oldest is "
                    + "dropped (logged and counted; the master's event log keeps it).", min = "1", max = "100000")
    int event_backlog() default 1000;
}
