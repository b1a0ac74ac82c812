package org.p2gate.headend;

/**
 * The Short ID of a wireless M-Bus device that remote binding writes into class 72 attributes
 * 6..9 (P2 4.2.2 §8.3.1.2): identification number, manufacturer, version, device type.
 */
public record ShortId(long identificationNumber, int manufacturerId, int version, int deviceType) {

    public ShortId {
        if (identificationNumber < 0 || identificationNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("an identification number has 8 hex digits, got " + identificationNumber);
        }
        if (manufacturerId < 0 || manufacturerId > 0xFFFF) {
            throw new IllegalArgumentException("a manufacturer id is 0..65535, got " + manufacturerId);
        }
        if (version < 0 || version > 255) {
            throw new IllegalArgumentException("a version is 0..255, got " + version);
        }
        if (deviceType < 0 || deviceType > 255) {
            throw new IllegalArgumentException("a device type is 0..255, got " + deviceType);
        }
    }

    /**
     * Parses {@code ID,MAN,VER,TYPE}: ID the 8-digit serial as printed on the device (BCD, read as
     * hex), MAN three letters (e.g. NET) or 0x-hex, VER and TYPE decimal or 0x-hex (e.g. 0x03 gas).
     */
    public static ShortId parse(String text) {
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
        int manufacturer = man.matches("[A-Za-z]{3}") ? ManufacturerCode.code(man) : number(man, "manufacturer");
        return new ShortId(Long.parseLong(id, 16), manufacturer, number(parts[2].trim(), "version"),
                number(parts[3].trim(), "device type"));
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
