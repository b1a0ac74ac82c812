package org.p2gate.clock.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the runtime's clock, PID {@value #PID}. */
@ObjectClassDefinition(id = ClockConfig.PID, name = "p2gate clock",
        description = "Where the master and the simulated meters take their time from. 'system' (the default, and the"
                + " only choice on a gateway): the operating system's clock. 'virtual': one shared virtual clock that"
                + " stands still until a test or lab tool advances it, so hours of DSMR behaviour run in seconds.")
public @interface ClockConfig {

    String PID = "org.p2gate.clock";

    @AttributeDefinition(name = "Mode", description = "system or virtual", options = {
            @org.osgi.service.metatype.annotations.Option(label = "system", value = "system"),
            @org.osgi.service.metatype.annotations.Option(label = "virtual", value = "virtual")})
    String mode() default "system";

    @AttributeDefinition(required = false, name = "Virtual start", description = "The virtual clock's start, ISO-8601 UTC (e.g. "
            + "2026-11-20T23:30:00Z); empty: the system time at activation, to the second.")
    String virtual_start() default "";
}
