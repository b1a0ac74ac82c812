package org.p2gate.headend;

import java.util.OptionalInt;

/** DSMR M-Bus event codes: 100 + 10·(channel − 1) + k (P2 4.2.2 Appendix A, M-Bus event log). */
final class MBusEventCodes {

    private static final String[] KINDS = {
        "communication error", "communication ok", "replace battery", "fraud attempt", "clock adjusted",
        "new M-Bus device discovered", "permanent error"};

    private MBusEventCodes() {}

    static String meaning(int code) {
        OptionalInt channel = channel(code);
        if (channel.isEmpty()) {
            return "unknown event " + code;
        }
        return KINDS[(code - 100) % 10] + " on channel " + channel.getAsInt();
    }

    static OptionalInt channel(int code) {
        if (code < 100 || code > 139 || (code - 100) % 10 >= KINDS.length) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((code - 100) / 10 + 1);
    }
}
