package org.p2gate.mbus.transport;

import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * The Short ID of an M-Bus device: identification number, manufacturer, version, device type.
 *
 * <p>P2 4.2.2 §4.2.2: ID (4 bytes BCD, the last 8 digits of the serial number) | MAN (2) | VER (1)
 * | DEV (1) in a long header. The wireless link-layer address (EN 13757-4, P2 §3.2.4) holds the
 * same fields with MAN first: MAN | ID | VER | DEV, which is also the first 8 bytes of a mode-15
 * initialisation vector.
 *
 * @param identification the identification field as sent (normally 8 BCD digits), kept raw so that a
 *                       non-BCD value round-trips; {@link #identificationNumber()} gives its digits
 * @param manufacturer   the manufacturer code
 * @param version        the version field, 0..255
 * @param deviceType     the device type (medium)
 */
public record ShortId(int identification, ManufacturerCode manufacturer, int version, DeviceType deviceType) {

    /** The size of a Short ID on the wire. */
    public static final int LENGTH = 8;

    public ShortId {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("version is one byte, got " + version);
        }
    }

    /** A Short ID from its identification number in decimal digits, e.g. 12345678. */
    /**
     * Parses {@code ID,MAN,VER,TYPE} as an operator writes it: ID the 8-digit serial as printed on the device (BCD,
     * read as hex), MAN three letters (e.g. NET) or 0x-hex, VER and TYPE decimal or 0x-hex (e.g. 0x03 gas).
     *
     * @throws IllegalArgumentException saying what is wrong
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
        ManufacturerCode manufacturer = man.matches("[A-Za-z]{3}") ? ManufacturerCode.of(man.toUpperCase(java.util.Locale.ROOT))
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

    public static ShortId of(long identificationNumber, ManufacturerCode manufacturer, int version, DeviceType type) {
        if (identificationNumber < 0 || identificationNumber > 99_999_999L) {
            throw new IllegalArgumentException("an identification number has 8 digits, got " + identificationNumber);
        }
        return new ShortId(Integer.parseUnsignedInt(Long.toString(identificationNumber), 16), manufacturer, version, type);
    }

    /** Reads ID MAN VER DEV (the order of a long header) at {@code offset}. */
    public static ShortId fromHeader(byte[] bytes, int offset) throws DecodeException {
        requireLength(bytes, offset);
        return new ShortId((int) LittleEndian.readU32(bytes, offset), manufacturer(bytes, offset + 4),
                bytes[offset + 6] & 0xFF, DeviceType.of(bytes[offset + 7] & 0xFF));
    }

    /** Reads MAN ID VER DEV (the order of a wireless link-layer address) at {@code offset}. */
    public static ShortId fromLinkAddress(byte[] bytes, int offset) throws DecodeException {
        requireLength(bytes, offset);
        return new ShortId((int) LittleEndian.readU32(bytes, offset + 2), manufacturer(bytes, offset),
                bytes[offset + 6] & 0xFF, DeviceType.of(bytes[offset + 7] & 0xFF));
    }

    /** ID MAN VER DEV, as in a long header. */
    public byte[] toHeader() {
        byte[] bytes = new byte[LENGTH];
        LittleEndian.write(identification & 0xFFFFFFFFL, bytes, 0, 4);
        LittleEndian.write(manufacturer.code(), bytes, 4, 2);
        bytes[6] = (byte) version;
        bytes[7] = (byte) deviceType.code();
        return bytes;
    }

    /** MAN ID VER DEV, as in a wireless link-layer address and the first half of a mode-15 IV. */
    public byte[] toLinkAddress() {
        byte[] bytes = new byte[LENGTH];
        LittleEndian.write(manufacturer.code(), bytes, 0, 2);
        LittleEndian.write(identification & 0xFFFFFFFFL, bytes, 2, 4);
        bytes[6] = (byte) version;
        bytes[7] = (byte) deviceType.code();
        return bytes;
    }

    /** The identification number as its 8 digits, e.g. "12345678" (hex digits if it is not BCD). */
    public String identificationNumber() {
        return String.format("%08X", identification);
    }

    /** Whether the identification field is valid BCD, as P2 §4.2.2 requires. */
    public boolean isBcd() {
        for (int shift = 0; shift < 32; shift += 4) {
            if (((identification >>> shift) & 0xF) > 9) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return identificationNumber() + " " + manufacturer.letters() + " v" + version + " " + deviceType;
    }

    private static void requireLength(byte[] bytes, int offset) throws DecodeException {
        if (bytes.length - offset < LENGTH) {
            throw new DecodeException(Reason.TRUNCATED, bytes.length,
                    "a Short ID needs 8 bytes, " + Math.max(0, bytes.length - offset) + " left");
        }
    }

    private static ManufacturerCode manufacturer(byte[] bytes, int offset) {
        return ManufacturerCode.ofCode(LittleEndian.readU16(bytes, offset));
    }
}
