package org.p2gate.mbus.message;

import java.util.OptionalLong;

/**
 * What the security layer did with a message.
 *
 * @param mode            the security mode of the configuration word (0 none, 5 and 7 OMS, 15 DSMR)
 * @param encryptedBlocks the number of 16-byte blocks that were encrypted
 * @param counter         the counter that fed the IV or key derivation: the DSMR frame counter (mode 15),
 *                        the AFL message counter (mode 7); empty otherwise
 */
public record Security(int mode, int encryptedBlocks, OptionalLong counter) {

    public static final Security NONE = new Security(0, 0, OptionalLong.empty());

    public boolean isEncrypted() {
        return encryptedBlocks > 0;
    }
}
