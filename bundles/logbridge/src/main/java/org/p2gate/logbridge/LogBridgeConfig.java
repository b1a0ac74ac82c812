package org.p2gate.logbridge;

import org.osgi.service.log.LogLevel;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OSGi log bridge, PID {@value #PID}. */
@ObjectClassDefinition(
        id = LogBridgeConfig.PID,
        name = "p2gate log bridge",
        description = "Forwards OSGi Log Service entries (framework, SCR, Config Admin, Deployment Admin) "
                + "to the gateway log: console and rotating file.")
public @interface LogBridgeConfig {

    String PID = "org.p2gate.logbridge";

    /** The lowest OSGi log level forwarded. */
    enum Level {
        ERROR(LogLevel.ERROR), WARN(LogLevel.WARN), INFO(LogLevel.INFO), DEBUG(LogLevel.DEBUG);

        private final LogLevel osgi;

        Level(LogLevel osgi) {
            this.osgi = osgi;
        }

        /** Whether an entry of this OSGi level is forwarded at this threshold. */
        boolean admits(LogLevel entryLevel) {
            return osgi.implies(entryLevel);
        }
    }

    @AttributeDefinition(name = "Lowest level forwarded",
            description = "OSGi log entries below this level are not written to the gateway log.")
    Level level() default Level.WARN;
}
