package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.Hex;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * The authentication and fragmentation layer (AFL), CI 90h (EN 13757-7 §6; OMS Annex N N.2.3,
 * N.2.4, N.3): CI, AFL.L (the number of AFL bytes after it), then AFL.FCL (2 bytes), and, as
 * FCL announces, AFL.MCL (1), AFL.KI (2), AFL.MCR (4), AFL.MAC (8/12/16), AFL.ML (2), in that order.
 * Multi-byte fields other than the MAC are sent LSB first; the MAC is kept as sent.
 *
 * <p>FCL: bit 15 reserved | 14 MF more fragments | 13 MCLP | 12 MLP | 11 MCRP | 10 MACP | 9 KIP |
 * 8 reserved | 7..0 fragment id (0 = unfragmented). MCL: bit 7 reserved | 6 MLMP | 5 MCMP | 4 KIMP |
 * 3..0 AT (authentication type; 5 = AES-CMAC-128 truncated to 8 bytes, 6 = 12 bytes, 7 = 16 bytes,
 * 8 = AES-GMAC-128, 16 bytes). The MAC length comes from MCL.AT; in a later fragment without MCL it is
 * what AFL.L leaves for it.
 *
 * @param fragmentationControl FCL, 16 bits raw; its presence bits must match the optional fields
 * @param messageControl       MCL
 * @param keyInformation       KI, 16 bits
 * @param messageCounter       MCR, 32 bits unsigned
 * @param mac                  the MAC as sent; empty when FCL.MACP = 0
 * @param messageLength        ML, 16 bits
 */
public record AuthenticationFragmentationLayer(int fragmentationControl, OptionalInt messageControl,
        OptionalInt keyInformation, OptionalLong messageCounter, byte[] mac, OptionalInt messageLength) {

    /** AT 5: AES-CMAC-128 truncated to 8 bytes (OMS security profile B). */
    public static final int AT_CMAC_8 = 5;

    static final int MORE_FRAGMENTS = 1 << 14;
    static final int MCL_PRESENT = 1 << 13;
    static final int ML_PRESENT = 1 << 12;
    static final int MCR_PRESENT = 1 << 11;
    static final int MAC_PRESENT = 1 << 10;
    static final int KI_PRESENT = 1 << 9;

    public AuthenticationFragmentationLayer {
        if (fragmentationControl < 0 || fragmentationControl > 0xFFFF) {
            throw new IllegalArgumentException("FCL has 16 bits, got " + fragmentationControl);
        }
        if (messageControl == null || keyInformation == null || messageCounter == null || mac == null
                || messageLength == null) {
            throw new IllegalArgumentException("absent AFL fields are empty Optionals / an empty MAC, not null");
        }
        present(fragmentationControl, MCL_PRESENT, messageControl.isPresent(), "MCL");
        present(fragmentationControl, KI_PRESENT, keyInformation.isPresent(), "KI");
        present(fragmentationControl, MCR_PRESENT, messageCounter.isPresent(), "MCR");
        present(fragmentationControl, MAC_PRESENT, mac.length > 0, "MAC");
        present(fragmentationControl, ML_PRESENT, messageLength.isPresent(), "ML");
        if (messageControl.isPresent() && (messageControl.getAsInt() < 0 || messageControl.getAsInt() > 0xFF)) {
            throw new IllegalArgumentException("MCL is one byte, got " + messageControl.getAsInt());
        }
        if (keyInformation.isPresent() && (keyInformation.getAsInt() < 0 || keyInformation.getAsInt() > 0xFFFF)) {
            throw new IllegalArgumentException("KI has 16 bits, got " + keyInformation.getAsInt());
        }
        if (messageCounter.isPresent() && (messageCounter.getAsLong() < 0 || messageCounter.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("MCR has 32 bits, got " + messageCounter.getAsLong());
        }
        if (messageLength.isPresent() && (messageLength.getAsInt() < 0 || messageLength.getAsInt() > 0xFFFF)) {
            throw new IllegalArgumentException("ML has 16 bits, got " + messageLength.getAsInt());
        }
        if (mac.length > 0 && macLength(messageControl) > 0 && mac.length != macLength(messageControl)) {
            throw new IllegalArgumentException("MCL announces a " + macLength(messageControl) + "-byte MAC, got "
                    + mac.length);
        }
        mac = mac.clone();
    }

    /**
     * An unfragmented AFL with MCL, MCR and MAC, as OMS security profile B sends it (Annex N N.2.3:
     * FCL 2C00h, MCL 25h).
     */
    public static AuthenticationFragmentationLayer unfragmented(int messageControl, long messageCounter, byte[] mac) {
        return new AuthenticationFragmentationLayer(MCL_PRESENT | MCR_PRESENT | MAC_PRESENT, OptionalInt.of(messageControl),
                OptionalInt.empty(), OptionalLong.of(messageCounter), mac, OptionalInt.empty());
    }

    /** Reads an AFL starting at its CI byte (90h) at {@code offset}. */
    public static AuthenticationFragmentationLayer decode(byte[] bytes, int offset) throws DecodeException {
        return decode(bytes, offset, bytes.length);
    }

    static AuthenticationFragmentationLayer decode(byte[] bytes, int offset, int end) throws DecodeException {
        ShortHeader.require(bytes, offset, end, 2, "an AFL (CI, AFL.L)");
        if ((bytes[offset] & 0xFF) != CiField.AFL.code()) {
            throw new DecodeException(Reason.UNKNOWN_CI, offset, "CI " + Hex.byteHex(bytes[offset]) + "h is not an AFL (90h)");
        }
        int lengthAt = offset + 1;
        int afll = bytes[lengthAt] & 0xFF;
        int start = offset + 2;
        if (afll > end - start) {
            throw new DecodeException(Reason.BAD_LENGTH, lengthAt,
                    "AFL.L says " + afll + " bytes follow, only " + (end - start) + " are there");
        }
        int stop = start + afll;
        if (afll < 2) {
            throw new DecodeException(Reason.BAD_LENGTH, lengthAt, "AFL.L " + afll + " leaves no room for the 2-byte FCL");
        }
        int fcl = LittleEndian.readU16(bytes, start);
        int at = start + 2;
        OptionalInt mcl = OptionalInt.empty();
        OptionalInt ki = OptionalInt.empty();
        OptionalLong mcr = OptionalLong.empty();
        OptionalInt ml = OptionalInt.empty();
        byte[] mac = new byte[0];
        if ((fcl & MCL_PRESENT) != 0) {
            field(at, 1, stop, lengthAt, "MCL");
            mcl = OptionalInt.of(bytes[at] & 0xFF);
            at += 1;
        }
        if ((fcl & KI_PRESENT) != 0) {
            field(at, 2, stop, lengthAt, "KI");
            ki = OptionalInt.of(LittleEndian.readU16(bytes, at));
            at += 2;
        }
        if ((fcl & MCR_PRESENT) != 0) {
            field(at, 4, stop, lengthAt, "MCR");
            mcr = OptionalLong.of(LittleEndian.readU32(bytes, at));
            at += 4;
        }
        int mlLength = (fcl & ML_PRESENT) != 0 ? 2 : 0;
        if ((fcl & MAC_PRESENT) != 0) {
            int macLength;
            if (mcl.isPresent()) {
                macLength = macLength(mcl);
                if (macLength == 0) {
                    throw new DecodeException(Reason.UNSUPPORTED, start + 2,
                            "MCL " + Hex.byteHex(mcl.getAsInt()) + "h: authentication type " + (mcl.getAsInt() & 0xF)
                                    + " has no MAC length this library knows, but FCL announces a MAC");
                }
            } else {
                // a later fragment: the MAC type was given in the first one; AFL.L leaves its length
                macLength = stop - at - mlLength;
                if (macLength != 8 && macLength != 12 && macLength != 16) {
                    throw new DecodeException(Reason.BAD_LENGTH, lengthAt,
                            "AFL.L leaves " + macLength + " bytes for the MAC; a MAC has 8, 12 or 16");
                }
            }
            field(at, macLength, stop, lengthAt, "MAC");
            mac = Arrays.copyOfRange(bytes, at, at + macLength);
            at += macLength;
        }
        if (mlLength != 0) {
            field(at, 2, stop, lengthAt, "ML");
            ml = OptionalInt.of(LittleEndian.readU16(bytes, at));
            at += 2;
        }
        if (at != stop) {
            throw new DecodeException(Reason.BAD_LENGTH, lengthAt,
                    "AFL.L says " + afll + " bytes, the fields FCL announces take " + (at - start));
        }
        return new AuthenticationFragmentationLayer(fcl, mcl, ki, mcr, mac, ml);
    }

    /** The MAC length MCL.AT gives (EN 13757-7 §6.3.3), 0 for no MAC or an unknown type. */
    static int macLength(OptionalInt mcl) {
        if (mcl.isEmpty()) {
            return 0;
        }
        switch (mcl.getAsInt() & 0xF) {
            case 5: return 8;
            case 6: return 12;
            case 7: case 8: return 16;
            default: return 0;
        }
    }

    /** The MAC as sent (a copy); empty when there is none. */
    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** FCL bits 7..0. */
    public int fragmentId() {
        return fragmentationControl & 0xFF;
    }

    /** FCL.MF: more fragments follow. */
    public boolean moreFragments() {
        return (fragmentationControl & MORE_FRAGMENTS) != 0;
    }

    /**
     * Whether a transport layer (CI and header) follows this AFL: the message is unfragmented, or
     * this is its first fragment (the one that carries MCL, OMS Annex N N.3.3). Later fragments
     * carry the continuation of the message.
     */
    public boolean startsMessage() {
        return (fragmentationControl & MCL_PRESENT) != 0 || (fragmentId() == 0 && !moreFragments());
    }

    /** MCL.AT, the authentication type; empty without MCL. */
    public OptionalInt authenticationType() {
        return messageControl.isPresent() ? OptionalInt.of(messageControl.getAsInt() & 0xF) : OptionalInt.empty();
    }

    /** The size on the wire, CI and AFL.L included. */
    public int length() {
        return 2 + 2 + (messageControl.isPresent() ? 1 : 0) + (keyInformation.isPresent() ? 2 : 0)
                + (messageCounter.isPresent() ? 4 : 0) + mac.length + (messageLength.isPresent() ? 2 : 0);
    }

    /** Writes the AFL at {@code offset}: {@link #length()} bytes. */
    public void write(byte[] bytes, int offset) {
        bytes[offset] = (byte) CiField.AFL.code();
        bytes[offset + 1] = (byte) (length() - 2);
        int at = offset + 2;
        LittleEndian.write(fragmentationControl, bytes, at, 2);
        at += 2;
        if (messageControl.isPresent()) {
            bytes[at++] = (byte) messageControl.getAsInt();
        }
        if (keyInformation.isPresent()) {
            LittleEndian.write(keyInformation.getAsInt(), bytes, at, 2);
            at += 2;
        }
        if (messageCounter.isPresent()) {
            LittleEndian.write(messageCounter.getAsLong(), bytes, at, 4);
            at += 4;
        }
        System.arraycopy(mac, 0, bytes, at, mac.length);
        at += mac.length;
        if (messageLength.isPresent()) {
            LittleEndian.write(messageLength.getAsInt(), bytes, at, 2);
        }
    }

    public byte[] encode() {
        byte[] bytes = new byte[length()];
        write(bytes, 0);
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthenticationFragmentationLayer that
                && fragmentationControl == that.fragmentationControl && messageControl.equals(that.messageControl)
                && keyInformation.equals(that.keyInformation) && messageCounter.equals(that.messageCounter)
                && Arrays.equals(mac, that.mac) && messageLength.equals(that.messageLength);
    }

    @Override
    public int hashCode() {
        return ((fragmentationControl * 31 + messageControl.hashCode()) * 31 + messageCounter.hashCode()) * 31
                + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("AFL[FCL ").append(Hex.wordHex(fragmentationControl)).append('h');
        messageControl.ifPresent(v -> s.append(", MCL ").append(Hex.byteHex(v)).append('h'));
        keyInformation.ifPresent(v -> s.append(", KI ").append(Hex.wordHex(v)).append('h'));
        messageCounter.ifPresent(v -> s.append(", MCR ").append(v));
        if (mac.length > 0) {
            s.append(", MAC ").append(Hex.bytes(mac));
        }
        messageLength.ifPresent(v -> s.append(", ML ").append(v));
        return s.append(']').toString();
    }

    private static void present(int fcl, int bit, boolean present, String field) {
        if (((fcl & bit) != 0) != present) {
            throw new IllegalArgumentException("FCL " + Hex.wordHex(fcl) + "h says " + field
                    + ((fcl & bit) != 0 ? " is present" : " is absent") + ", but it is " + (present ? "given" : "missing"));
        }
    }

    private static void field(int at, int length, int stop, int lengthAt, String name) throws DecodeException {
        if (stop - at < length) {
            throw new DecodeException(Reason.BAD_LENGTH, lengthAt,
                    "AFL.L is too short for " + name + " (" + length + " bytes), which FCL announces");
        }
    }
}
