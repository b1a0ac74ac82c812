package org.p2gate.mbus.dsmr;

import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.transport.Direction;

/**
 * The C-field / CI-field combinations DSMR P2 4.2.2 §4.1 allows (Table 5 wired, Table 6 wireless).
 * "For security reasons, all combinations of C and CI codes that are not described in this section
 * shall be rejected": everything else raises {@code DecodeException(Reason.NOT_ALLOWED)}.
 *
 * <p>The direction is the way the message travels: {@link Direction#TO_DEVICE} when the E-meter
 * sends it (SND_NKE, REQ_UD2, SND_UD, CNF_IR, ...), {@link Direction#FROM_DEVICE} when the M-Bus
 * device sends it (RSP_UD, SND_NR, SND_IR, ACK, E5h).
 *
 * <p>P2 §3.1.2 and §3.2.2: the frame count bit (FCB, bit 5) is ignored, so in a message that has
 * one (FCV, bit 4, set: REQ_UD2 5Bh/7Bh, SND_UD 53h/73h, REQ_UD1 5Ah/7Ah) both values are accepted.
 *
 * <p>The offset of a rejection is 0, the C-field; {@link DecodeException#shifted(int)} places it in a frame.
 */
public final class MessageRules {

    /** The CI argument of a message that has no CI-field (the wired short frames). */
    public static final int NO_CI = -1;

    /** The single control character of a wired device (EN 13757-2 §5.7, P2 Table 5). */
    public static final int SINGLE_CHARACTER = 0xE5;

    private static final int FCV = 0x10;
    private static final int FCB = 0x20;
    private static final int PRM = 0x40;

    private MessageRules() {}

    /**
     * The kind of the message with C-field {@code c} and CI-field {@code ci} ({@link #NO_CI} if it has
     * none), sent in {@code direction} over {@code medium}.
     *
     * @throws DecodeException with {@link Reason#NOT_ALLOWED} if Tables 5/6 do not list the combination
     */
    public static MessageKind classify(Medium medium, Direction direction, int c, int ci) throws DecodeException {
        MessageKind kind = medium == Medium.WIRED ? wired(direction, ignoreFcb(c), ci) : wireless(direction, ignoreFcb(c), ci);
        if (kind == null) {
            throw new DecodeException(Reason.NOT_ALLOWED, 0, describe(medium, direction, c, ci));
        }
        return kind;
    }

    /** Whether {@link #classify} accepts the combination. */
    public static boolean isAllowed(Medium medium, Direction direction, int c, int ci) {
        MessageKind kind = medium == Medium.WIRED ? wired(direction, ignoreFcb(c), ci) : wireless(direction, ignoreFcb(c), ci);
        return kind != null;
    }

    /**
     * The single character {@code character} received as a whole message: only E5h from a wired
     * device (P2 Table 5, the response to SND_NKE, SND_UD and REQ_UD1).
     */
    public static MessageKind classifySingleCharacter(Medium medium, Direction direction, int character)
            throws DecodeException {
        if (medium == Medium.WIRED && direction == Direction.FROM_DEVICE && character == SINGLE_CHARACTER) {
            return MessageKind.SINGLE_CHARACTER;
        }
        throw new DecodeException(Reason.NOT_ALLOWED, 0, "single character " + hex(character) + " "
                + (direction == Direction.TO_DEVICE ? "from the E-meter" : "from the M-Bus device") + " is not allowed on "
                + (medium == Medium.WIRED ? "wired M-Bus (P2 4.2.2 Table 5: only E5h from the device)"
                        : "wireless M-Bus (P2 4.2.2 Table 6 has no single character)"));
    }

    // P2 4.2.2 §4.1 Table 5: wired M-Bus
    private static MessageKind wired(Direction direction, int c, int ci) {
        if (direction == Direction.TO_DEVICE) {
            switch (c) {
                case 0x40: // row 1: SND_NKE C=40h; CI=< >
                    return ci == NO_CI ? MessageKind.SND_NKE : null;
                case 0x5B: // row 2: REQ_UD2 C=5Bh; CI=< >
                    return ci == NO_CI ? MessageKind.REQ_UD2 : null;
                case 0x53:
                    switch (ci) {
                        case 0x5A: return MessageKind.SND_UD_CONTROL; // row 3: readout list
                        case 0x6C: return MessageKind.SND_UD_CLOCK_SYNCHRONISATION; // row 4
                        case 0x51: return MessageKind.SND_UD_UNENCRYPTED; // row 5: set address, set key
                        default: return null;
                    }
                case 0x5A: // row 6: REQ_UD1 C=5Ah; CI=< > (not used, but standard)
                    return ci == NO_CI ? MessageKind.REQ_UD1 : null;
                case 0x59: // row 7: REQ_SKE C=59h; CI=< > (not used, but standard)
                    return ci == NO_CI ? MessageKind.REQ_SKE : null;
                default:
                    return null;
            }
        }
        // row 2 response: RSP_UD C=08h; CI=72h. Issue 15 item 9: 08h is read as the function code of a secondary
        // station, as for RSP_SKE below: its ACD and DFC bits (EN 13757-2, 18h/28h/38h) are status, not another
        // message; the master counts and logs them (WiredChannels), the link ignores them too (Exchange)
        if ((c & 0xCF) == 0x08) {
            return ci == 0x72 ? MessageKind.RSP_UD : null;
        }
        // row 7 response: RSP_SKE C=xBh; CI=< >; x = ACD/DFC bits of a secondary station (EN 13757-2 §5.5)
        if ((c & 0xCF) == 0x0B) {
            return ci == NO_CI ? MessageKind.RSP_SKE : null;
        }
        return null;
    }

    // P2 4.2.2 §4.1 Table 6: wireless M-Bus
    private static MessageKind wireless(Direction direction, int c, int ci) {
        if (direction == Direction.TO_DEVICE) {
            switch (c) {
                case 0x40: // row 1: SND_NKE C=40h; CI=80h
                    return ci == 0x80 ? MessageKind.SND_NKE : null;
                case 0x5B: // row 3: REQ_UD2 C=5Bh; CI=80h
                    return ci == 0x80 ? MessageKind.REQ_UD2 : null;
                case 0x53:
                    switch (ci) {
                        case 0x5B: return MessageKind.SND_UD_CONTROL; // rows 4 and 6 (readout list; set key, CW 00h)
                        case 0x6C: return MessageKind.SND_UD_CLOCK_SYNCHRONISATION; // row 5
                        default: return null;
                    }
                case 0x06: // row 7 response: CNF_IR C=06h; CI=80h
                    return ci == 0x80 ? MessageKind.CNF_IR : null;
                default:
                    return null;
            }
        }
        switch (c) {
            case 0x44: // row 2: SND_NR C=44h; CI=7Ah
                return ci == 0x7A ? MessageKind.SND_NR : null;
            case 0x08: // row 3 response: RSP_UD C=08h; CI=7Ah
                return ci == 0x7A ? MessageKind.RSP_UD : null;
            case 0x00: // rows 4, 5, 6 response: ACK C=00h; CI=8Ah
                return ci == 0x8A ? MessageKind.ACK : null;
            case 0x46: // row 7: SND_IR C=46h; CI=7Ah
                return ci == 0x7A ? MessageKind.SND_IR : null;
            default:
                return null;
        }
    }

    // P2 §3.1.2 / §3.2.2: "The frame count bit (FCB) of the C-Field is ignored."
    private static int ignoreFcb(int c) {
        return (c & (PRM | FCV)) == (PRM | FCV) ? c & ~FCB : c;
    }

    private static String describe(Medium medium, Direction direction, int c, int ci) {
        return "C=" + hex(c) + (ci == NO_CI ? " without CI" : " CI=" + hex(ci)) + " "
                + (direction == Direction.TO_DEVICE ? "from the E-meter" : "from the M-Bus device")
                + " is not allowed on " + (medium == Medium.WIRED ? "wired M-Bus (P2 4.2.2 Table 5)"
                        : "wireless M-Bus (P2 4.2.2 Table 6)");
    }

    private static String hex(int value) {
        if (value < 0 || value > 0xFF) {
            return "(" + value + ", not a byte)";
        }
        String digits = "0123456789ABCDEF";
        return "" + digits.charAt(value >> 4) + digits.charAt(value & 0xF) + "h";
    }
}
