package org.p2gate.mbus.security;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) from Bouncy Castle, the one thing this package takes from it.
 * A new {@link CMac} per use: CMac is not thread-safe, and creating one is a key schedule.
 */
final class Cmac {

    static final int LENGTH = 16;

    private Cmac() {}

    /** A CMAC initialised with {@code key}; feed it with {@code update}, finish with {@code doFinal}. */
    @SuppressWarnings("deprecation") // the AESEngine constructor: AESEngine.newInstance() is missing from Bouncy Castle 1.71 (Kura 5.4)
    static CMac start(AesKey key) {
        CMac mac = new CMac(new AESEngine());
        mac.init(new KeyParameter(key.bytes()));
        return mac;
    }

    /** The 16-byte CMAC of {@code data[off..off+len)}. */
    static byte[] of(AesKey key, byte[] data, int off, int len) {
        CMac mac = start(key);
        mac.update(data, off, len);
        byte[] out = new byte[LENGTH];
        mac.doFinal(out, 0);
        return out;
    }
}
