package org.p2gate.cosem.mbus;

import org.p2gate.master.Channel;

/** The logical names of the M-Bus objects (DSMR P3; P2 4.2.2 Appendix A), x = the channel 1..4. */
final class Obis {

    static final String CLOCK = "0.0.1.0.0.255";
    static final String MBUS_MASTER_PORT_SETUP = "0.0.24.6.0.255";
    static final String MBUS_EVENT_LOG = "0.0.99.98.3.255";
    static final String MBUS_EVENT_CODE = "0.0.96.11.3.255";

    private Obis() {}

    /** The six bytes of a logical name "a.b.c.d.e.f". */
    static byte[] bytes(String logicalName) {
        String[] parts = logicalName.split("\\.");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** M-Bus Client Setup 0-x:24.1.0.255. */
    static String clientSetup(Channel channel) {
        return "0." + channel.number() + ".24.1.0.255";
    }

    /** M-Bus master value 0-x:24.2.1.255. */
    static String masterValue(Channel channel) {
        return "0." + channel.number() + ".24.2.1.255";
    }

    /** M-Bus profile 0-x:24.3.0.255. */
    static String profile(Channel channel) {
        return "0." + channel.number() + ".24.3.0.255";
    }

    /** Equipment identifier 0-x:96.1.0.255. */
    static String equipmentIdentifier(Channel channel) {
        return "0." + channel.number() + ".96.1.0.255";
    }

    /** Firmware and hardware versions of the channel's device 0-x:0.2.0.255 (IEC 62056-6-1 0.2.0: firmware identifier). */
    static String versions(Channel channel) {
        return "0." + channel.number() + ".0.2.0.255";
    }
}
