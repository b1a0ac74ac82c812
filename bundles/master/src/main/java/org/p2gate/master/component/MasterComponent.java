package org.p2gate.master.component;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.p2gate.clock.Scheduler;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.EventSink;
import org.p2gate.master.MasterSettings;
import org.p2gate.master.P2Master;
import org.p2gate.master.store.MvStoreMasterStore;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.SerialTransport;
import org.p2gate.mbus.wired.TcpTransport;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.mbus.wired.WiredTransport;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wireless.Amb8465Radio;
import org.p2gate.mbus.wireless.Im871aRadio;
import org.p2gate.mbus.wireless.Radio;
import org.p2gate.mbus.wireless.WirelessSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P2 master as an OSGi component: from its configuration it opens the wired M-Bus (serial, TCP
 * or the simulator's in-memory segment), the crash-safe store, and runs a {@link P2Master} on its
 * own worker, which it offers as a service. With the default configuration it opens nothing.
 */
@Component(configurationPid = MasterConfig.PID, immediate = true, service = {})
@Designate(ocd = MasterConfig.class)
public final class MasterComponent {

    private static final Logger LOG = LoggerFactory.getLogger(MasterComponent.class);

    /** The simulator's in-memory segment, when the runtime has one (wired.port = simulator). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            target = "(p2gate.transport=simulator)")
    private WiredTransport simulator;

    /** The simulator's radio, when the runtime has one (wireless.port = simulator). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            target = "(p2gate.radio=simulator)")
    private Radio simulatedRadio;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private EventAdmin eventAdmin;

    /** The runtime's shared virtual clock, when it runs on one (org.p2gate.clock mode = virtual); else the system clock. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            target = Scheduler.VIRTUAL_CLOCK_FILTER)
    private Scheduler virtualClock;

    private SystemScheduler systemScheduler;
    private WiredLink link;
    private MvStoreMasterStore store;
    private P2Master master;
    private ServiceRegistration<P2Master> registration;
    /** The configuration the master runs with (null while it runs none). */
    private MasterConfig running;

    @Activate
    void activate(BundleContext context, MasterConfig config) {
        start(context, config);
    }

    /**
     * A new configuration (issue 16: it restarted everything, and the P3 server with the master's service dropped every
     * head-end association): the poll interval, the clock synchronisation hour and the bindings change in place; a
     * new port, radio, store folder or wireless silence limit needs a new master, and only then is it restarted.
     */
    @Modified
    void modified(BundleContext context, MasterConfig config) {
        if (master != null && running != null && sameMedia(running, config)) {
            master.reschedule(Duration.ofMinutes(config.poll_interval_minutes()), config.clock_sync_hour());
            bindConfigured(config, true);
            running = config;
            LOG.info("M-Bus master reconfigured in place: reading every {} min, clocks synchronised at {}:00 UTC; "
                    + "nothing restarted", config.poll_interval_minutes(), config.clock_sync_hour());
            return;
        }
        LOG.info("M-Bus master: the port, radio, store or wireless silence limit changed: the master restarts");
        deactivate();
        start(context, config);
    }

    /**
     * The radio on a serial port: "amb8465:DEVICE[@BAUD][+rssi]" for the AMB8465-M (answers armed frames), a bare device
     * for the iM871A (receive-only).
     */
    static Radio serialRadio(String spec, Scheduler scheduler) {
        String amber = "amb8465:";
        if (!spec.startsWith(amber)) {
            return Im871aRadio.onSerialPort(spec, scheduler);
        }
        String rest = spec.substring(amber.length());
        boolean rssi = rest.endsWith("+rssi");
        if (rssi) {
            rest = rest.substring(0, rest.length() - "+rssi".length());
        }
        int at = rest.lastIndexOf('@');
        int baud = Amb8465Radio.DEFAULT_BAUD;
        if (at > 0) {
            try {
                baud = Integer.parseInt(rest.substring(at + 1));
            } catch (NumberFormatException e) {
                LOG.warn("wireless.port {}: '{}' is no baud rate; the AMB8465-M's default {} Bd is used", spec,
                        rest.substring(at + 1), baud);
            }
            rest = rest.substring(0, at);
        }
        return Amb8465Radio.onSerialPort(rest, baud, rssi, scheduler);
    }

    /** Whether {@code a} and {@code b} configure the same media and store (what a running master cannot change). */
    static boolean sameMedia(MasterConfig a, MasterConfig b) {
        return a.wired_port().strip().equals(b.wired_port().strip())
                && a.wireless_port().strip().equals(b.wireless_port().strip())
                && a.store_folder().strip().equals(b.store_folder().strip())
                && a.wireless_silence_hours() == b.wireless_silence_hours();
    }

    private void start(BundleContext context, MasterConfig config) {
        String port = config.wired_port().strip();
        String radioPort = config.wireless_port().strip();
        if (port.isEmpty() && radioPort.isEmpty()) {
            LOG.info("no M-Bus port configured (wired.port, wireless.port): the master opens nothing");
            return;
        }
        Optional<WiredTransport> transport = port.isEmpty() ? Optional.empty() : transport(port);
        if (!port.isEmpty() && transport.isEmpty()) {
            LOG.info("wired.port = simulator, but no simulated meters run (enable {}): the master waits",
                    "org.p2gate.simulator");
            return;
        }
        if (radioPort.equals("simulator") && simulatedRadio == null) {
            LOG.info("wireless.port = simulator, but no simulated wireless meters run (org.p2gate.simulator "
                    + "wireless.meters): the master waits");
            return;
        }
        Path folder = storeFolder(context, config);
        Scheduler scheduler = virtualClock;
        if (scheduler == null) {
            systemScheduler = new SystemScheduler("p2gate-master", e -> LOG.error("master task failed: {}", e.toString(), e));
            scheduler = systemScheduler;
        } else {
            LOG.info("the master runs on the virtual clock");
        }
        if (transport.isPresent()) {
            link = new WiredLink(transport.get(), scheduler, LinkSettings.dsmr());
            // a port that cannot be opened now (absent at start, issue 16) is not a failure of the component: the link
            // logs it once and reopens it by itself with a backoff
            link.open();
        }
        // the T2 link runs on the master's worker (P2Master): the dongle driver too
        Optional<Radio> radio = radioPort.isEmpty() ? Optional.empty()
                : Optional.of(radioPort.equals("simulator") ? simulatedRadio : serialRadio(radioPort, scheduler));
        store = MvStoreMasterStore.open(folder);
        EventSink sink = eventAdmin == null ? EventSink.NONE : new EventAdminSink(eventAdmin);
        master = new P2Master(Optional.ofNullable(link), radio, WirelessSettings.dsmr(), scheduler, store, sink,
                MasterSettings.defaults().withPollInterval(Duration.ofMinutes(config.poll_interval_minutes()))
                        .withClockSyncHour(config.clock_sync_hour())
                        .withWirelessSilenceLimit(Duration.ofHours(Math.max(0, config.wireless_silence_hours()))));
        bindConfigured(config, false); // start() reads every bound channel at once
        master.start();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("p2gate.wired.port", port);
        properties.put("p2gate.wireless.port", radioPort);
        registration = context.registerService(P2Master.class, master, properties);
        running = config;
        LOG.info("M-Bus master: wired {}, wireless {}, store {}, reading every {} min",
                transport.map(t -> port + " (" + t.describe() + ")").orElse("none"),
                radio.map(Radio::describe).orElse("none"), folder, config.poll_interval_minutes());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (master != null) {
            master.stop();
        }
        if (link != null) {
            link.close();
        }
        if (store != null) {
            store.close();
        }
        if (systemScheduler != null) {
            systemScheduler.close();
        }
        registration = null;
        master = null;
        link = null;
        store = null;
        systemScheduler = null;
        running = null;
    }

    private Optional<WiredTransport> transport(String port) {
        if (port.equals("simulator")) {
            return Optional.ofNullable(simulator);
        }
        int colon = port.lastIndexOf(':');
        if (colon > 0 && !port.startsWith("/") && port.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return Optional.of(new TcpTransport(port.substring(0, colon), Integer.parseInt(port.substring(colon + 1))));
        }
        return Optional.of(new SerialTransport(port));
    }

    private static Path storeFolder(BundleContext context, MasterConfig config) {
        if (!config.store_folder().isBlank()) {
            return Path.of(config.store_folder());
        }
        String data = context.getProperty("p2gate.data");
        if (data != null) {
            return Path.of(data, "master");
        }
        File area = context.getDataFile("master");
        if (area == null) {
            throw new IllegalStateException("no store folder: set store.folder (the framework has no file system support)");
        }
        return area.toPath();
    }

    /**
     * Binds the channels listed in wired.bindings whose stored binding differs; a channel bound while the master runs
     * is read at once (identity, value, capture time, status), not at the next whole hour.
     */
    private void bindConfigured(MasterConfig config, boolean readWhenBound) {
        for (String entry : config.wired_bindings()) {
            String[] parts = entry.strip().split("=", 2);
            try {
                Channel channel = Channel.of(Integer.parseInt(parts[0].strip()));
                Binding.Wired binding = new Binding.Wired(Integer.parseInt(parts[1].strip()));
                if (!store.channel(channel).binding().equals(Optional.of(binding))) {
                    master.bind(channel, binding).whenComplete((result, failure) -> {
                        if (failure == null && result.done()) {
                            LOG.info("{} bound to primary address {}", channel, binding.primaryAddress());
                            if (readWhenBound) {
                                master.read(channel);
                            }
                        } else {
                            // issue 16: "bound to" was printed for a REFUSED binding too
                            LOG.warn("{} not bound to primary address {} (wired.bindings): {}", channel,
                                    binding.primaryAddress(), failure == null ? result.outcome() + ": " + result.detail()
                                            : failure.getMessage());
                        }
                    });
                }
            } catch (RuntimeException e) {
                LOG.warn("wired.bindings entry '{}' ignored: it is CHANNEL=ADDRESS, channel 1..4, address 1..250 ({})",
                        entry, e.getMessage());
            }
        }
        for (String entry : config.wireless_bindings()) {
            String[] parts = entry.strip().split("=", 2);
            try {
                Channel channel = Channel.of(Integer.parseInt(parts[0].strip()));
                Binding.Wireless binding = new Binding.Wireless(ShortId.parse(parts[1].strip()));
                if (!store.channel(channel).binding().equals(Optional.of(binding))) {
                    master.bind(channel, binding).whenComplete((result, failure) -> LOG.info("{} {} wireless {} (wireless.bindings){}",
                            channel, failure == null && result.done() ? "bound to" : "not bound to", binding.shortId(),
                            failure == null ? (result.done() ? "" : ": " + result.detail()) : ": " + failure.getMessage()));
                }
            } catch (RuntimeException e) {
                LOG.warn("wireless.bindings entry '{}' ignored: it is CHANNEL=ID,MAN,VER,TYPE, channel 1..4 ({})", entry,
                        e.getMessage());
            }
        }
    }
}
