package org.p2gate.simulator.component;

import java.io.IOException;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.WiredTransport;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterSpec;
import org.p2gate.simulator.wired.SimulatedBusSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated meters as an OSGi component: when enabled, a simulated DSMR segment in real time
 * whose master end is offered as a {@link WiredTransport} service with
 * {@code p2gate.transport=simulator}.
 */
@Component(configurationPid = SimulatorConfig.PID, immediate = true, service = {})
@Designate(ocd = SimulatorConfig.class)
public final class SimulatedBusComponent {

    /** The service property that names the simulated transport. */
    public static final String TRANSPORT_PROPERTY = "p2gate.transport";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBusComponent.class);

    /** The runtime's shared virtual clock, when it runs on one (org.p2gate.clock mode = virtual); else the system clock. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            target = Scheduler.VIRTUAL_CLOCK_FILTER)
    private Scheduler virtualClock;

    private SystemScheduler systemScheduler;
    private SimulatedBusSegment bus;
    private ServiceRegistration<WiredTransport> registration;

    @Activate
    void activate(BundleContext context, SimulatorConfig config) throws IOException {
        if (!config.enabled()) {
            LOG.debug("simulated meters off");
            return;
        }
        Scheduler scheduler = virtualClock;
        if (scheduler == null) {
            systemScheduler = new SystemScheduler("p2gate-simulator", e -> LOG.error("simulated bus: {}", e.toString(), e));
            scheduler = systemScheduler;
        }
        InMemoryTransport[] wire = InMemoryTransport.pair(scheduler);
        bus = SimulatedBusSegment.dsmr(scheduler, wire[1]);
        int serial = 31_000_001;
        StringBuilder meters = new StringBuilder();
        for (String text : config.meters()) {
            MeterSpec spec = MeterSpec.parse(text.strip());
            DsmrMeter meter = spec.build(scheduler.now().truncatedTo(ChronoUnit.HOURS), serial++, MeterSpec.DEFAULT_KEY);
            bus.attach(meter);
            meters.append(meters.length() == 0 ? "" : ", ").append(text.strip());
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(TRANSPORT_PROPERTY, "simulator");
        registration = context.registerService(WiredTransport.class, wire[0], properties);
        LOG.info("simulated DSMR meters on the in-memory M-Bus: {}", meters);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (bus != null) {
            bus.close();
        }
        if (systemScheduler != null) {
            systemScheduler.close();
        }
    }
}
