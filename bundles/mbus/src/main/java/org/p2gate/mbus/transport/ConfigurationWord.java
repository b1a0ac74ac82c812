package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.LittleEndian;
import org.p2gate.mbus.wire.Hex;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * The configuration word (configuration field) of a short or long transport-layer header: two
 * bytes, sent least significant byte first. The raw 16-bit value is kept, so every bit round-trips.
 *
 * <p>Layout for security modes other than 7 (P2 4.2.2 §4.2.6 / §5.1, EN 13757-7 §7.6, OMS Annex N
 * "BASMMMMM NNNNCCRH"):
 * <pre>
 * bit 15 B bidirectional | 14 A accessibility | 13 S synchronous | 12..8 MMMMM security mode
 * bits 7..4 NNNN number of encrypted 16-byte blocks | 3..2 CC content of message
 * bit 1 R repeated access | bit 0 H hop counter
 * </pre>
 * DSMR names bit 12 "reserved (0)" and the mode 4 bits (MMMM); with bit 12 clear both readings agree,
 * and DSMR's mode 15 is written "xFxxh". DSMR calls bits 1..0 together the hop counter (HH).
 *
 * <p>Security mode 7 (EN 13757-7 §7.6.7, OMS Annex N "CCZMMMMM NNNNPIII"): bits 15..14 content of
 * message, bit 13 reserved (Z), 12..8 mode, 7..4 encrypted blocks, bit 3 padding, bits 2..0 content
 * index; a one-byte {@link ConfigurationFieldExtension} follows the word.
 *
 * @param value the 16-bit field value
 */
public record ConfigurationWord(int value) {

    /** Size on the wire. */
    public static final int LENGTH = 2;
    /** Security mode 0: no encryption (P2 §5.1 "x0xxh"). */
    public static final int MODE_NONE = 0;
    /** Security mode 5: AES-128-CBC, IV from the link address and ACC (OMS security profile A). */
    public static final int MODE_AES_CBC_IV = 5;
    /** Security mode 7: AES-128-CBC, zero IV, derived keys, AFL MAC (OMS security profile B). */
    public static final int MODE_AES_CBC_KDF = 7;
    /** DSMR mode 15: AES-128-CBC with the frame-counter IV (P2 §5.1 "xFxxh"). */
    public static final int MODE_DSMR_AES_CBC = 15;
    /** Modes from 16 on are reserved (EN 13757-7 §7.6.1); older meters send an EN 1434-3 "signature" there. */
    public static final int FIRST_RESERVED_MODE = 16;
    /** No application data, no encryption. */
    public static final ConfigurationWord NONE = new ConfigurationWord(0);

    private static final int BIDIRECTIONAL = 1 << 15;
    private static final int ACCESSIBILITY = 1 << 14;
    private static final int SYNCHRONOUS = 1 << 13;
    private static final int MODE_SHIFT = 8;
    private static final int MODE_MASK = 0x1F;
    private static final int BLOCKS_SHIFT = 4;
    private static final int BLOCKS_MASK = 0xF;
    private static final int BLOCK_SIZE = 16;

    public ConfigurationWord {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a configuration word has 16 bits, got " + value);
        }
    }

    /** A word with {@code mode} and {@code encryptedBlocks} set and every other bit clear (DSMR wired). */
    public static ConfigurationWord of(int mode, int encryptedBlocks) {
        if (mode < 0 || mode > MODE_MASK) {
            throw new IllegalArgumentException("a security mode is 0..31, got " + mode);
        }
        if (encryptedBlocks < 0 || encryptedBlocks > BLOCKS_MASK) {
            throw new IllegalArgumentException("the number of encrypted blocks is 0..15, got " + encryptedBlocks);
        }
        return new ConfigurationWord(mode << MODE_SHIFT | encryptedBlocks << BLOCKS_SHIFT);
    }

    /** The word of this value; the common 0000h (no encryption) is shared. */
    public static ConfigurationWord ofValue(int value) {
        return value == 0 ? NONE : new ConfigurationWord(value);
    }

    /** Reads the word at {@code offset} (LSB first). */
    public static ConfigurationWord decode(byte[] bytes, int offset) throws DecodeException {
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new DecodeException(Reason.TRUNCATED, bytes.length,
                    "the configuration word needs 2 bytes, " + Math.max(0, bytes.length - offset) + " left");
        }
        return ofValue(LittleEndian.readU16(bytes, offset));
    }

    /** Writes the word at {@code offset}, LSB first. */
    public void write(byte[] bytes, int offset) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >> 8);
    }

    /** The two bytes as sent: LSB first. */
    public byte[] toWire() {
        byte[] bytes = new byte[LENGTH];
        write(bytes, 0);
        return bytes;
    }

    /** The security mode (bits 12..8), e.g. 0, 5, 7 or DSMR's 15. */
    public int mode() {
        return (value >> MODE_SHIFT) & MODE_MASK;
    }

    /** Whether the application data is encrypted (mode not 0). */
    public boolean isEncrypted() {
        return mode() != MODE_NONE;
    }

    /** Whether a configuration field extension byte follows the word (mode 7, EN 13757-7 §7.6.7). */
    public boolean hasExtension() {
        return mode() == MODE_AES_CBC_KDF;
    }

    /** The number of encrypted 16-byte blocks (NNNN, bits 7..4). */
    public int encryptedBlocks() {
        return (value >> BLOCKS_SHIFT) & BLOCKS_MASK;
    }

    /** The number of encrypted bytes: 16 × {@link #encryptedBlocks()} (P2 §5.1). */
    public int encryptedLength() {
        return BLOCK_SIZE * encryptedBlocks();
    }

    /** B, bit 15 (not mode 7): the device is bidirectional. */
    public boolean bidirectional() {
        return (value & BIDIRECTIONAL) != 0;
    }

    /** A, bit 14 (not mode 7): accessibility; with B = 1, A = 0 DSMR's "limited access" (P2 §3.2.5). */
    public boolean accessibility() {
        return (value & ACCESSIBILITY) != 0;
    }

    /** S, bit 13 (not mode 7): a synchronous transmission (P2 §4.2.6: SND_NR only). */
    public boolean synchronous() {
        return (value & SYNCHRONOUS) != 0;
    }

    /** Content of message: bits 3..2, or bits 15..14 in mode 7. */
    public int contentOfMessage() {
        return hasExtension() ? (value >> 14) & 0x3 : (value >> 2) & 0x3;
    }

    /** R, bit 1 (not mode 7): repeated access. */
    public boolean repeatedAccess() {
        return !hasExtension() && (value & 0x2) != 0;
    }

    /** H, bit 0 (not mode 7): hop counter. */
    public boolean hopCounter() {
        return !hasExtension() && (value & 0x1) != 0;
    }

    /** Bits 1..0 together, DSMR's "HH" hop counter field (P2 §4.2.6); 0 in mode 7 (there: content index). */
    public int hopBits() {
        return hasExtension() ? 0 : value & 0x3;
    }

    /** P, bit 3, mode 7 only: padding. */
    public boolean padding() {
        return hasExtension() && (value & 0x8) != 0;
    }

    /** III, bits 2..0, mode 7 only: content index. */
    public int contentIndex() {
        return hasExtension() ? value & 0x7 : 0;
    }

    /** Every bit outside MMMMM and NNNN (P2 §4.2.6: all 0 on wired M-Bus). */
    public int otherBits() {
        return value & ~(MODE_MASK << MODE_SHIFT | BLOCKS_MASK << BLOCKS_SHIFT);
    }

    @Override
    public String toString() {
        return "CW " + Hex.wordHex(value) + "h (mode " + mode() + ", " + encryptedBlocks() + " encrypted blocks)";
    }
}
