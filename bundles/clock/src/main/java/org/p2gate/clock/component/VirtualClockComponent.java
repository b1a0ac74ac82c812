package org.p2gate.clock.component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.p2gate.clock.Scheduler;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.clock.VirtualScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In mode "virtual", one {@link VirtualScheduler} offered as a {@link Scheduler} service with
 * {@value #PROPERTY}=virtual: the components that find it (the master, the simulated meters) take their
 * time and run their work on it instead of their own system schedulers, and whoever holds the service
 * advances it. In mode "system" it offers nothing: each owner runs its own {@link SystemScheduler}.
 * Service property: {@link Scheduler#SERVICE_PROPERTY} = virtual.
 */
@Component(configurationPid = ClockConfig.PID, immediate = true, service = {})
@Designate(ocd = ClockConfig.class)
public final class VirtualClockComponent {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualClockComponent.class);

    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context, ClockConfig config) {
        String mode = config.mode().strip();
        if (mode.equals("system")) {
            return;
        }
        if (!mode.equals("virtual")) {
            LOG.warn("clock mode '{}' is neither system nor virtual: the system clock is used", mode);
            return;
        }
        Instant start;
        try {
            start = config.virtual_start().isBlank() ? SystemScheduler.wallClock().truncatedTo(ChronoUnit.SECONDS)
                    : Instant.parse(config.virtual_start().strip());
        } catch (DateTimeParseException e) {
            LOG.warn("virtual.start '{}' is not an ISO-8601 UTC instant (e.g. 2026-11-20T23:30:00Z): the system clock is used",
                    config.virtual_start());
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Scheduler.SERVICE_PROPERTY, "virtual");
        registration = context.registerService(new String[] {Scheduler.class.getName(), VirtualScheduler.class.getName()},
                new VirtualScheduler(start), properties);
        LOG.info("virtual clock at {}: time stands still until it is advanced", start);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }
}
