package org.p2gate.headend.cli;

import java.util.Locale;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
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
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a Short ID is ID,MAN,VER,TYPE (e.g. 12345678,NET,20,3), got '" + text + "'");
        }
        String id = parts[0].trim();
        if (!id.matches("[0-9A-Fa-f]{8}")) {
            throw new IllegalArgumentException("the identification number is the 8-digit serial (e.g. 12345678), got '"
                    + id + "'");
        }
        String man = parts[1].trim();
        ManufacturerCode manufacturer = man.matches("[A-Za-z]{3}") ? ManufacturerCode.of(man.toUpperCase(Locale.ROOT))
                : new ManufacturerCode(number(man, "manufacturer"));
        return new ShortId(Integer.parseUnsignedInt(id, 16), manufacturer, number(parts[2].trim(), "version"),
                DeviceType.of(number(parts[3].trim(), "device type")));
    }

    private static int number(String text, String what) {
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Integer.parseInt(text.substring(2), 16)
                    : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " is a number (decimal or 0x-hex), got '" + text + "'");
        }
    }
}
