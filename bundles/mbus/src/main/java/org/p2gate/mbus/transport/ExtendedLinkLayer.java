package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.Hex;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * The extended link layer of wireless M-Bus (EN 13757-4 §13.2.7; OMS Annex N N.2.3 "ELL short",
 * N.2.4 "ELL long"):
 * <ul>
 * <li>CI 8Ch: CC, ACC;</li>
 * <li>CI 8Eh: CC, ACC, M2 (2), A2 (6): the receiver's address, in link-layer order MAN ID VER DEV.</li>
 * </ul>
 * CI 8Dh and 8Fh (with session number and payload CRC, for link-layer encryption) are not supported.
 *
 * <p>Communication control (CC), EN 13757-4 §13.2.7.2: bit 7 B bidirectional, 6 D response delay,
 * 5 S synchronized, 4 H hop count, 3 P priority, 2 A accessibility, 1 R repeated access, 0 reserved.
 *
 * @param communicationControl CC, 0..255 (kept raw)
 * @param accessNumber         the ELL access number, 0..255
 * @param receiver             M2 A2 (CI 8Eh); empty for CI 8Ch
 */
public record ExtendedLinkLayer(int communicationControl, int accessNumber, Optional<ShortId> receiver) {

    /** CI, CC, ACC. */
    public static final int SHORT_LENGTH = 3;
    /** CI, CC, ACC, M2, A2. */
    public static final int LONG_LENGTH = SHORT_LENGTH + ShortId.LENGTH;

    public ExtendedLinkLayer {
        if (communicationControl < 0 || communicationControl > 0xFF || accessNumber < 0 || accessNumber > 0xFF) {
            throw new IllegalArgumentException("CC and ACC are one byte each, got " + communicationControl + ", " + accessNumber);
        }
        if (receiver == null) {
            throw new IllegalArgumentException("receiver is Optional.empty() for CI 8Ch, not null");
        }
    }

    /** An ELL with CI 8Ch (no receiver address). */
    public static ExtendedLinkLayer of(int communicationControl, int accessNumber) {
        return new ExtendedLinkLayer(communicationControl, accessNumber, Optional.empty());
    }

    /** Reads an ELL starting at its CI byte at {@code offset}. */
    public static ExtendedLinkLayer decode(byte[] bytes, int offset) throws DecodeException {
        return decode(bytes, offset, bytes.length);
    }

    static ExtendedLinkLayer decode(byte[] bytes, int offset, int end) throws DecodeException {
        ShortHeader.require(bytes, offset, end, 1, "an extended link layer");
        int ci = bytes[offset] & 0xFF;
        switch (ci) {
            case 0x8C:
                ShortHeader.require(bytes, offset, end, SHORT_LENGTH, "an extended link layer (8Ch CC ACC)");
                return of(bytes[offset + 1] & 0xFF, bytes[offset + 2] & 0xFF);
            case 0x8E:
                ShortHeader.require(bytes, offset, end, LONG_LENGTH, "an extended link layer (8Eh CC ACC M2 A2)");
                return new ExtendedLinkLayer(bytes[offset + 1] & 0xFF, bytes[offset + 2] & 0xFF,
                        Optional.of(ShortId.fromLinkAddress(bytes, offset + SHORT_LENGTH)));
            case 0x86:
            case 0x8D:
            case 0x8F:
                throw new DecodeException(Reason.UNSUPPORTED, offset,
                        "extended link layer " + CiField.of(ci) + " is not supported (only 8Ch and 8Eh)");
            default:
                throw new DecodeException(Reason.UNKNOWN_CI, offset,
                        "CI " + Hex.byteHex(ci) + "h is not an extended link layer");
        }
    }

    /** The CI-field: 8Eh with a receiver address, else 8Ch. */
    public CiField ci() {
        return receiver.isPresent() ? CiField.ELL_WITH_RECEIVER : CiField.ELL_SHORT;
    }

    /** The size on the wire, CI included. */
    public int length() {
        return receiver.isPresent() ? LONG_LENGTH : SHORT_LENGTH;
    }

    /** Writes CI, CC, ACC[, M2, A2] at {@code offset}. */
    public void write(byte[] bytes, int offset) {
        bytes[offset] = (byte) ci().code();
        bytes[offset + 1] = (byte) communicationControl;
        bytes[offset + 2] = (byte) accessNumber;
        if (receiver.isPresent()) {
            System.arraycopy(receiver.get().toLinkAddress(), 0, bytes, offset + SHORT_LENGTH, ShortId.LENGTH);
        }
    }

    public byte[] encode() {
        byte[] bytes = new byte[length()];
        write(bytes, 0);
        return bytes;
    }

    public boolean bidirectional() {
        return (communicationControl & 0x80) != 0;
    }

    public boolean responseDelay() {
        return (communicationControl & 0x40) != 0;
    }

    public boolean synchronous() {
        return (communicationControl & 0x20) != 0;
    }

    public boolean hopCount() {
        return (communicationControl & 0x10) != 0;
    }

    public boolean priority() {
        return (communicationControl & 0x08) != 0;
    }

    public boolean accessibility() {
        return (communicationControl & 0x04) != 0;
    }

    public boolean repeatedAccess() {
        return (communicationControl & 0x02) != 0;
    }
}
