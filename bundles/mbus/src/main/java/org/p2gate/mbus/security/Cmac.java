package org.p2gate.mbus.security;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) from Bouncy Castle, the one thing this package takes from it.
 *
 * <p>A {@link CMac} is not thread-safe; a new one per use measured about 1.2 KB (engine tables,
 * buffers), and an OMS mode-7 frame needs three (Kenc, Kmac, MAC). So each thread keeps one in a
 * {@link ThreadLocal}, re-initialised with its key by {@link #start} before every use: a cache,
 * not state. A caller finishes one CMAC (doFinal) before it starts the next on the same thread.
 */
final class Cmac {

    static final int LENGTH = 16;

    private static final ThreadLocal<CMac> MAC = ThreadLocal.withInitial(Cmac::create);

    private Cmac() {}

    /** This thread's CMAC, initialised with {@code key}; feed it with {@code update}, finish with {@code doFinal}. */
    static CMac start(AesKey key) {
        CMac mac = MAC.get();
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

    // the AESEngine constructor: AESEngine.newInstance() is missing from Bouncy Castle 1.71 (Kura 5.4)
    @SuppressWarnings("deprecation")
    private static CMac create() {
        return new CMac(new AESEngine());
    }
}
