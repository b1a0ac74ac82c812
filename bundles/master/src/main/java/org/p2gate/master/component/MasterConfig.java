package org.p2gate.master.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the P2 master, PID {@value #PID}. The defaults are inert: no port is opened. */
@ObjectClassDefinition(id = MasterConfig.PID, name = "p2gate M-Bus master",
        description = "The DSMR P2 master: M-Bus channels 1..4, hourly reads, commands, keys and frame counters, "
                + "kept in a crash-safe store.")
public @interface MasterConfig {

    String PID = "org.p2gate.master";

    @AttributeDefinition(required = false, name = "Wired M-Bus port",
            description = "The serial device of the M-Bus level converter (e.g. /dev/ttyUSB0, 2400 Bd 8E1), host:port of a "
                    + "TCP M-Bus converter, or 'simulator' for the simulated meters of the embedded runtime. "
                    + "Empty: no wired M-Bus, nothing is opened.")
    String wired_port() default "";

    @AttributeDefinition(required = false, name = "Wireless M-Bus port",
            description = "The wM-Bus radio, run in T2 as the 'other device' (P2 4.2.2 §3.2): 'amb8465:/dev/ttyUSB1' (or "
                    + "'amb8465:/dev/ttyUSB1@9600', '…@9600+rssi' when the module appends the RSSI) for the Amber/Würth "
                    + "AMB8465-M stick, which answers meters itself (installation, keys, commands); a bare device "
                    + "(e.g. /dev/ttyUSB1, 57600 Bd) for the IMST iM871A, receive-only; 'simulator' for the simulated "
                    + "wireless meters of the embedded runtime. Empty: no radio, nothing is opened.")
    String wireless_port() default "";

    @AttributeDefinition(name = "Poll interval (minutes)",
            description = "How often the wired devices are read, aligned to whole UTC hours (P2: every hour).",
            min = "1", max = "1440")
    int poll_interval_minutes() default 60;

    @AttributeDefinition(name = "Clock synchronisation hour (UTC)",
            description = "The hour at which every bound device's clock is set, daily (P2 §6.2.1).", min = "0", max = "23")
    int clock_sync_hour() default 3;

    @AttributeDefinition(name = "Wireless silence (hours)",
            description = "How long a bound wireless device may go unheard before its channel gets the communication "
                    + "error event (it sends SND_NR hourly; 3 = three missed in a row). 0: never.", min = "0", max = "168")
    int wireless_silence_hours() default 3;

    @AttributeDefinition(required = false, name = "Store folder",
            description = "Where the master keeps channels, keys (encrypted), frame counters, hourly values and events. "
                    + "Empty: 'master' in the gateway's data folder.")
    String store_folder() default "";

    @AttributeDefinition(required = false, name = "Wired bindings",
            description = "Channels bound at start to devices installed earlier, one per entry as CHANNEL=ADDRESS "
                    + "(e.g. 1=5). Normally the installation procedures bind channels; leave empty then.")
    String[] wired_bindings() default {};

    @AttributeDefinition(required = false, name = "Wireless bindings",
            description = "Channels bound at start to wireless devices, one per entry as CHANNEL=ID,MAN,VER,TYPE (the Short "
                    + "ID, e.g. 4=31000004,NET,66,3); the device gets its CNF_IR at its next SND_IR. Normally the "
                    + "installation procedures bind channels; leave empty then.")
    String[] wireless_bindings() default {};
}
