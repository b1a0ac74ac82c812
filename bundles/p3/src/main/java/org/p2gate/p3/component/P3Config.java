package org.p2gate.p3.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the P3 server, PID {@value #PID}. The defaults are inert: without both
 * management keys and the system title no port is opened.
 */
@ObjectClassDefinition(id = P3Config.PID, name = "p2gate P3 server",
        description = "The DLMS/COSEM server a head-end talks to (DSMR P3): TCP wrapper, public client (SAP 16) and "
                + "management client (SAP 1, HLS 5 GMAC, security suite 0).")
public @interface P3Config {

    String PID = "org.p2gate.p3";

    @AttributeDefinition(name = "TCP port", description = "The DLMS/COSEM wrapper port (IEC 62056-47: 4059).",
            min = "1", max = "65535")
    int port() default 4059;

    @AttributeDefinition(name = "Server address",
            description = "The logical device's wrapper address (SAP) the head-end addresses (DSMR: 1).", min = "1",
            max = "16383")
    int server_address() default 1;

    @AttributeDefinition(required = false, name = "Server system title",
            description = "The meter's DLMS system title, 16 hex digits: FLAG manufacturer code (3 bytes) and serial "
                    + "number (5 bytes), as the head-end knows it. Required: empty = the server does not start (a "
                    + "made-up default would put the same GCM nonces on every gateway).")
    String system_title() default "";

    @AttributeDefinition(required = false, name = "Management block cipher key", type = AttributeType.PASSWORD,
            description = "The management client's global unicast encryption key (GUEK), 32 hex digits. "
                    + "Empty = the server does not start.")
    String management_block_cipher_key() default "";

    @AttributeDefinition(required = false, name = "Management authentication key", type = AttributeType.PASSWORD,
            description = "The management client's authentication key (GAK), 32 hex digits. Empty = the server does not start.")
    String management_authentication_key() default "";

    @AttributeDefinition(name = "Max associations", description = "The most concurrent client connections.",
            min = "1", max = "1024")
    int max_associations() default 32;

    @AttributeDefinition(name = "Inactivity timeout (seconds)",
            description = "A connection silent this long is closed.", min = "1")
    int inactivity_timeout_seconds() default 120;

    @AttributeDefinition(required = false, name = "State folder",
            description = "Where the invocation counters are kept across restarts (p3-invocation-counters.properties). "
                    + "Empty: 'p3' in the gateway's data folder.")
    String state_folder() default "";
}
