package org.p2gate.kura.configurable;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * Makes PID {@value #PID}, the M-Bus master (wired.port, wireless.port, poll.interval.minutes, clock.sync.hour, store.folder, wired.bindings, wireless.bindings), a Kura configurable component. It holds no logic: the owning
 * component applies the configuration; Kura reads the owning bundle's metatype (see package-info).
 */
@Component(configurationPid = MasterConfigurable.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, service = ConfigurableComponent.class,
        property = "kura.service.pid=" + MasterConfigurable.PID)
public final class MasterConfigurable implements ConfigurableComponent {

    /** The PID of the owning component (its OCD id). */
    public static final String PID = "org.p2gate.master";

    /** A new configuration keeps the service registered (SCR updates its properties): Kura keeps tracking the PID. */
    @Modified
    void modified() {
        // the owning component applies the configuration
    }
}
