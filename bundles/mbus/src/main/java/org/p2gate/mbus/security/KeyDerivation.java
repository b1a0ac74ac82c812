package org.p2gate.mbus.security;

import java.util.Objects;
import org.bouncycastle.crypto.macs.CMac;
import org.p2gate.mbus.wire.LittleEndian;

/**
 * OMS security profile B key derivation (OMS Vol. 2 Annex N.2.3, N.11.2 "Calculate Session Keys"): a session
 * key = AES-CMAC(Mk, D ‖ C ‖ ID ‖ 07h × 7), with the derivation constant D, the message counter C
 * (4 bytes, LSB first) and the meter's identification number ID (4 bytes, as sent: LSB first).
 *
 * <p>The identification is the meter's own one (the TPL/link address of the metering device),
 * also when a radio adapter or gateway forwards the message (Annex N.2.4). Thread-safe and stateless.
 */
public final class KeyDerivation {

    /** The derivation constant D: which session key is derived. */
    public enum Constant {
        /** 00h: Kenc, encryption of messages from the meter. */
        KENC(0x00),
        /** 01h: Kmac, MAC of messages from the meter. */
        KMAC(0x01),
        /** 10h: Lenc, encryption of messages to the meter. */
        LENC(0x10),
        /** 11h: Lmac, MAC of messages to the meter. */
        LMAC(0x11);

        private final int code;

        Constant(int code) {
            this.code = code;
        }

        /** The byte that starts the CMAC input. */
        public int code() {
            return code;
        }
    }

    /** OMS Annex N.2.3 ("padding" = 07h × 7): the input is padded to one AES block with 07h (7 padding bytes). */
    private static final byte PADDING = 0x07;
    private static final int INPUT_LENGTH = 16;

    private KeyDerivation() {}

    /**
     * Derives a session key from the meter's master key.
     *
     * @param masterKey      Mk, the meter's individual master key
     * @param constant       which key (Kenc, Kmac, Lenc, Lmac)
     * @param messageCounter the AFL message counter C, 0..FFFFFFFFh
     * @param identification the meter's identification field as held by {@code ShortId#identification()}
     *                       (8 BCD digits as a 32-bit value, e.g. 12345678h)
     */
    public static AesKey derive(AesKey masterKey, Constant constant, long messageCounter, int identification) {
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(constant, "constant");
        if (messageCounter < 0 || messageCounter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a message counter is 0..FFFFFFFFh (4 bytes), got " + messageCounter);
        }
        byte[] input = input(constant, messageCounter, identification);
        CMac mac = Cmac.start(masterKey);
        mac.update(input, 0, INPUT_LENGTH);
        byte[] key = new byte[AesKey.LENGTH];
        mac.doFinal(key, 0);
        return AesKey.adopt(key);
    }

    /** The CMAC input for the given parameters (tests compare it with the document). */
    static byte[] input(Constant constant, long messageCounter, int identification) {
        byte[] input = new byte[INPUT_LENGTH];
        input[0] = (byte) constant.code();
        LittleEndian.write(messageCounter, input, 1, 4);
        LittleEndian.write(identification & 0xFFFF_FFFFL, input, 5, 4);
        for (int i = 9; i < INPUT_LENGTH; i++) {
            input[i] = PADDING;
        }
        return input;
    }
}
