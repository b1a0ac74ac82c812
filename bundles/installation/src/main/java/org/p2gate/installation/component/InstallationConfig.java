package org.p2gate.installation.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of installation, PID {@value #PID}. The default is inert: a start or restart of the gateway does not
 * scan the bus or give devices addresses (Kura writes metatype defaults at once and restarts bundles on updates).
 */
@ObjectClassDefinition(id = InstallationConfig.PID, name = "p2gate M-Bus installation",
        description = "Installation mode and the binding procedures of DSMR P2 4.2.2 section 8.")
public @interface InstallationConfig {

    String PID = "org.p2gate.installation";

    @AttributeDefinition(name = "Discover on power-on",
            description = "Whether a start of the gateway puts the E-meter in installation mode for one hour "
                    + "(P2 §8.1: power-up is a trigger; §8.3.1.1 names the option discover_on_power_on): the wired M-Bus "
                    + "is scanned continuously and unconfigured devices get addresses. Off by default: a gateway restarts "
                    + "for updates too, and installation is then started by the operator (installation start) or the "
                    + "head-end (slave_install).")
    boolean discover_on_power_on() default false;
}
