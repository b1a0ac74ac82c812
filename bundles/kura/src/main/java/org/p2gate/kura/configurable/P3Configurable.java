package org.p2gate.kura.configurable;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * Makes PID {@value #PID}, the P3 DLMS/COSEM server (port, server.address, system.title, the management keys, max.associations, inactivity.timeout.seconds, state.folder), a Kura configurable component. It holds no logic: the owning
 * component applies the configuration; Kura reads the owning bundle's metatype (see package-info).
 */
@Component(configurationPid = P3Configurable.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, service = ConfigurableComponent.class,
        property = "kura.service.pid=" + P3Configurable.PID)
public final class P3Configurable implements ConfigurableComponent {

    /** The PID of the owning component (its OCD id). */
    public static final String PID = "org.p2gate.p3";

    /** A new configuration keeps the service registered (SCR updates its properties): Kura keeps tracking the PID. */
    @Modified
    void modified() {
        // the owning component applies the configuration
    }
}
