package org.p2gate.installation.component;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.p2gate.installation.Installation;
import org.p2gate.installation.InstallationSettings;
import org.p2gate.installation.TaskJournal;
import org.p2gate.master.P2Master;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installation as an OSGi component: present while a master runs; offers the {@link Installation} service (for the
 * COSEM objects) and the operator commands (Gogo: scope {@code installation}, functions start, stop, list, select).
 * A power-up event is given at activation; it starts installation mode only with discover_on_power_on.
 */
@Component(configurationPid = InstallationConfig.PID, immediate = true, service = {})
@Designate(ocd = InstallationConfig.class)
public final class InstallationComponent {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationComponent.class);

    @Reference
    private P2Master master;

    private Installation installation;
    private ServiceRegistration<Installation> registration;
    private ServiceRegistration<?> commands;

    @Activate
    void activate(BundleContext context, InstallationConfig config) {
        // on the master's worker: installation never races the master; the SND_IR list is the master's radio's
        installation = new Installation(master, master.scheduler(),
                InstallationSettings.defaults().withDiscoverOnPowerOn(config.discover_on_power_on()),
                master::installationCandidates, journal(context));
        registration = context.registerService(Installation.class, installation, null);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", InstallationCommands.SCOPE);
        properties.put("osgi.command.function", InstallationCommands.FUNCTIONS);
        commands = context.registerService(InstallationCommands.class, new InstallationCommands(installation), properties);
        installation.powerUp().thenAccept(result -> LOG.info("installation: power-up: {}", result.detail()));
    }

    /**
     * The task chains' journal in {@code <p2gate.data>/installation} (the runtime's data folder, beside the master's
     * store), else in this bundle's data area (Kura); without a file system, the chains do not survive a restart.
     */
    private static TaskJournal journal(BundleContext context) {
        String data = context.getProperty("p2gate.data");
        File area = data != null ? new File(data, "installation") : context.getDataFile("installation");
        if (area == null) {
            LOG.warn("installation: no file system for the task journal; task chains cut by a restart do not resume");
            return TaskJournal.NONE;
        }
        try {
            return TaskJournal.inFolder(area.toPath());
        } catch (UncheckedIOException e) {
            LOG.error("installation: {}; task chains cut by a restart do not resume", e.getMessage());
            return TaskJournal.NONE;
        }
    }

    @Deactivate
    void deactivate() {
        if (commands != null) {
            commands.unregister();
        }
        if (registration != null) {
            registration.unregister();
        }
        if (installation != null) {
            installation.close();
        }
    }
}
