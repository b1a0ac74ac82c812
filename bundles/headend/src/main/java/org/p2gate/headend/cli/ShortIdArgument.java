package org.p2gate.headend.cli;

import org.p2gate.mbus.transport.ShortId;

/**
 * The {@code --short-id ID,MAN,VER,TYPE} argument: the Short ID of a wireless M-Bus device that remote
 * binding writes into class 72 attributes 6..9 (P2 4.2.2 §8.4.2.3).
 */
final class ShortIdArgument {

    private ShortIdArgument() {}

    /**
     * Parses {@code ID,MAN,VER,TYPE}: ID the 8-digit serial as printed on the device (BCD, read as
     * hex), MAN three letters (e.g. NET) or 0x-hex, VER and TYPE decimal or 0x-hex (e.g. 0x03 gas).
     */
    static ShortId parse(String text) {
        return ShortId.parse(text);
    }
}
