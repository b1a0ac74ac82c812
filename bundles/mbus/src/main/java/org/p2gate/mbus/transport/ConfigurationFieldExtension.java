package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.Hex;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/**
 * The configuration field extension that follows the configuration word in security mode 7
 * (EN 13757-7 §7.6.7; OMS Annex N "0VDDKKKKb", e.g. 10h = KDF A, key 0). The raw byte is kept.
 *
 * <pre>bit 7 reserved | bit 6 V key version present | bits 5..4 DD KDF selection | bits 3..0 KKKK key id</pre>
 *
 * @param value the byte
 */
public record ConfigurationFieldExtension(int value) {

    /** Size on the wire. */
    public static final int LENGTH = 1;
    /** KDF selection 0: a persistent key, no derivation. */
    public static final int KDF_NONE = 0;
    /** KDF selection 1: key derivation function A (CMAC, EN 13757-7 §9.6.1). */
    public static final int KDF_A = 1;

    public ConfigurationFieldExtension {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a configuration field extension is one byte, got " + value);
        }
    }

    /** An extension with the given KDF selection (0..3) and key id (0..15), other bits clear. */
    public static ConfigurationFieldExtension of(int kdfSelection, int keyId) {
        if (kdfSelection < 0 || kdfSelection > 3 || keyId < 0 || keyId > 15) {
            throw new IllegalArgumentException("KDF selection is 0..3 and key id 0..15, got " + kdfSelection + ", " + keyId);
        }
        return new ConfigurationFieldExtension(kdfSelection << 4 | keyId);
    }

    public static ConfigurationFieldExtension decode(byte[] bytes, int offset) throws DecodeException {
        if (offset < 0 || offset >= bytes.length) {
            throw new DecodeException(Reason.TRUNCATED, bytes.length,
                    "mode 7 needs a configuration field extension byte after the configuration word");
        }
        return new ConfigurationFieldExtension(bytes[offset] & 0xFF);
    }

    /** DD, bits 5..4: the key derivation function. */
    public int kdfSelection() {
        return (value >> 4) & 0x3;
    }

    /** KKKK, bits 3..0: which key. */
    public int keyId() {
        return value & 0xF;
    }

    /** V, bit 6: a key version is announced. */
    public boolean keyVersionFlag() {
        return (value & 0x40) != 0;
    }

    /** Bit 7, reserved. */
    public boolean reservedBit() {
        return (value & 0x80) != 0;
    }

    @Override
    public String toString() {
        return "CFE " + Hex.byteHex(value) + "h (KDF " + kdfSelection() + ", key " + keyId() + ")";
    }
}
