package org.p2gate.simulator.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the simulated meters, PID {@value #PID}. */
@ObjectClassDefinition(id = SimulatorConfig.PID, name = "p2gate simulated M-Bus meters",
        description = "Simulated DSMR meters on an in-memory wired M-Bus segment, for the embedded runtime and "
                + "demonstrations; the master reaches them with wired.port = simulator. Off by default: never on a "
                + "real gateway.")
public @interface SimulatorConfig {

    String PID = "org.p2gate.simulator";

    @AttributeDefinition(name = "Enabled", description = "Run the simulated meters.")
    boolean enabled() default false;

    @AttributeDefinition(name = "Meters",
            description = "One per entry, KIND@ADDRESS: gas, water, heat or slave-e at primary address 0..250.")
    String[] meters() default {"gas@5", "water@6", "heat@7", "slave-e@8"};

    @AttributeDefinition(required = false, name = "Wireless meters",
            description = "DSMR 4.2.2 wireless gas meters on a simulated radio (T2), one per entry as its 8-digit "
                    + "identification number (e.g. 31000101); each starts in installation mode (SND_IR every minute). "
                    + "The master reaches them with wireless.port = simulator. Empty: no radio.")
    String[] wireless_meters() default {};

    @AttributeDefinition(required = false, name = "Wireless transmission interval",
            description = "For demonstrations: the simulated wireless meters send SND_IR (installing) and SND_NR (bound) "
                    + "every this many seconds instead of every minute / every hour (P2 3.2.5). 0: DSMR's intervals.")
    int wireless_interval_seconds() default 0;
}
