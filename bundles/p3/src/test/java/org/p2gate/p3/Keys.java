package org.p2gate.p3;

import org.p2gate.mbus.security.AesKey;

/** The keys of the tests (Green Book example values). */
final class Keys {
    static final AesKey BLOCK_CIPHER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    static final AesKey AUTHENTICATION_KEY = AesKey.fromHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    static final AesKey OTHER_KEY = AesKey.fromHex("0F0E0D0C0B0A09080706050403020100");
    static final SystemTitle SERVER_TITLE = SystemTitle.fromHex("5032470000000001");

    private Keys() {
    }
}
