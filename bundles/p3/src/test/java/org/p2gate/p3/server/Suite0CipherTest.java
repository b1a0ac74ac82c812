package org.p2gate.p3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.security.AesKey;

/** Security suite 0 as the server applies it: the Green Book's AES-GCM example, and open reversing seal. */
class Suite0CipherTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Suite0Cipher CIPHER = new Suite0Cipher(AesKey.fromHex("000102030405060708090A0B0C0D0E0F"),
            AesKey.fromHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"));
    private static final byte[] TITLE = HEX.parseHex("4D4D4D0000BC614E");
    private static final byte[] GET_REQUEST = HEX.parseHex("C0010000080000010000FF0200");

    @Test
    void sealGivesTheGreenBookAuthenticatedAndEncryptedExample() {
        // Green Book 9.2.7.2.4 example: get-request of the clock, SC 30h, IC 01234567h
        assertArrayEquals(HEX.parseHex("3001234567" + "411312FF935A47566827C467BC" + "7D825C3BE4A77C3FCC056B6B"),
                CIPHER.seal(GET_REQUEST, TITLE, 0x01234567L));
    }

    @Test
    void openReturnsWhatSealProtected() throws Exception {
        byte[] apdu = gloApdu(CIPHER.seal(GET_REQUEST, TITLE, 77));
        assertArrayEquals(GET_REQUEST, CIPHER.open(CipheredApdu.parse(apdu), TITLE).orElseThrow());
    }

    @Test
    void openRefusesAnAlteredCiphertextAnotherTitleAndAnotherCounter() throws Exception {
        byte[] sealed = CIPHER.seal(GET_REQUEST, TITLE, 77);
        byte[] altered = sealed.clone();
        altered[7] ^= 1;
        assertTrue(CIPHER.open(CipheredApdu.parse(gloApdu(altered)), TITLE).isEmpty());
        assertTrue(CIPHER.open(CipheredApdu.parse(gloApdu(sealed)), HEX.parseHex("4D4D4D0000BC614F")).isEmpty());
        byte[] otherCounter = sealed.clone();
        otherCounter[4] = 78;
        assertTrue(CIPHER.open(CipheredApdu.parse(gloApdu(otherCounter)), TITLE).isEmpty());
    }

    private static byte[] gloApdu(byte[] sealed) {
        byte[] apdu = new byte[2 + sealed.length];
        apdu[0] = (byte) ApduKind.GLO_GET_REQUEST;
        apdu[1] = (byte) sealed.length;
        System.arraycopy(sealed, 0, apdu, 2, sealed.length);
        return apdu;
    }
}
