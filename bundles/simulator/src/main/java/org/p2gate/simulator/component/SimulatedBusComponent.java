package org.p2gate.simulator.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.simulator.wired.DsmrGasMeter;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;
import org.p2gate.simulator.wireless.MediumRadio;
import org.p2gate.simulator.wireless.RadioMedium;
import org.p2gate.simulator.wireless.WirelessGasMeter;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
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
import org.p2gate.simulator.wired.SimulatedWiredDevice;
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
    /** The service property that names the simulated radio. */
    public static final String RADIO_PROPERTY = "p2gate.radio";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBusComponent.class);

    /** The runtime's shared virtual clock, when it runs on one (org.p2gate.clock mode = virtual); else the system clock. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            target = Scheduler.VIRTUAL_CLOCK_FILTER)
    private Scheduler virtualClock;

    private SystemScheduler systemScheduler;
    private SimulatedBusSegment bus;
    private ServiceRegistration<WiredTransport> registration;
    private ServiceRegistration<Radio> radioRegistration;

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
        Optional<MeterStateFile> saved = stateFile(context);
        int serial = 31_000_001;
        StringBuilder meters = new StringBuilder();
        for (String text : config.meters()) {
            MeterSpec spec = MeterSpec.parse(text.strip());
            // registers that grow from a fixed origin: a restarted gateway reads on from where it was, never back
            String identification = String.valueOf(serial);
            DsmrMeter.Builder builder = spec.builder(MeterSpec.REGISTER_ORIGIN, serial++, MeterSpec.DEFAULT_KEY);
            DsmrMeter meter = saved.flatMap(file -> file.saved(identification)).map(builder::restore)
                    .orElse(builder).build();
            bus.attach(saved.<SimulatedWiredDevice>map(file -> new PersistentMeter(meter, file)).orElse(meter));
            meters.append(meters.length() == 0 ? "" : ", ").append(text.strip())
                    .append(meter.hasUserKey() ? " (user key set)" : "");
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(TRANSPORT_PROPERTY, "simulator");
        registration = context.registerService(WiredTransport.class, wire[0], properties);
        LOG.info("simulated DSMR meters on the in-memory M-Bus: {}", meters);
        if (config.wireless_meters().length > 0) {
            startRadio(context, scheduler, config.wireless_meters(), config.wireless_interval_seconds());
        }
    }

    /**
     * Where the meters keep their state across restarts (P2 §5.2: a frame counter "is never reset"; a user key stays
     * set): {@code <p2gate.data>/simulator}, else the bundle's data area; none without a file system.
     */
    private static Optional<MeterStateFile> stateFile(BundleContext context) throws IOException {
        String data = context.getProperty("p2gate.data");
        File folder = data != null ? new File(data, "simulator") : context.getDataFile("simulator");
        if (folder == null) {
            LOG.info("no data folder: the simulated meters forget their keys and counters when the gateway stops");
            return Optional.empty();
        }
        return Optional.of(MeterStateFile.open(folder.toPath()));
    }

    /** The wireless gas meters on a simulated radio medium, in installation mode; the E-meter's radio as a service. */
    private void startRadio(BundleContext context, Scheduler scheduler, String[] meters, int intervalSeconds) {
        RadioMedium medium = new RadioMedium(scheduler, 1);
        List<String> started = new ArrayList<>();
        long seed = 1;
        for (String entry : meters) {
            try {
                ShortId id = ShortId.of(Long.parseLong(entry.strip()), ManufacturerCode.of("NET"), DsmrGasMeter.DSMR_VERSION,
                        DeviceType.GAS);
                WirelessGasMeter meter = WirelessGasMeter.create(medium, scheduler, id, MeterProfile.gasG4(
                        Register.linear(MeterSpec.REGISTER_ORIGIN, 1_000, 250)), MeterSpec.DEFAULT_KEY,
                        Duration.ofSeconds(3), seed++);
                if (intervalSeconds > 0) {
                    meter.demoInterval(Duration.ofSeconds(Math.max(10, intervalSeconds))); // a FAC fits in between
                }
                meter.startInstallation();
                started.add(id.identificationNumber());
            } catch (IllegalArgumentException e) {
                LOG.warn("wireless.meters entry '{}' ignored: it is an identification number of up to 8 digits ({})", entry,
                        e.getMessage());
            }
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(RADIO_PROPERTY, "simulator");
        radioRegistration = context.registerService(Radio.class, new MediumRadio(medium, "E-meter"), properties);
        LOG.info("simulated wireless gas meters in installation mode on a simulated radio (T2, armed-answer firmware): {}{}",
                started, intervalSeconds > 0 ? ", sending every " + Math.max(10, intervalSeconds) + " s (demo interval)" : "");
    }

    @Deactivate
    void deactivate() {
        if (radioRegistration != null) {
            radioRegistration.unregister();
        }
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
