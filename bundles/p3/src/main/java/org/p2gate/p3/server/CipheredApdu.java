package org.p2gate.p3.server;

import java.util.Arrays;

/**
 * A glo-ciphered APDU (DLMS Green Book 9.2.7.2.4): tag, length, security header (security control
 * byte, 4-byte invocation counter), then the ciphertext and the authentication tag.
 *
 * @param tag             the APDU tag (C8h, C9h, CBh, or 21h for the AARQ's glo-initiateRequest)
 * @param securityControl the SC byte: bit 4 authenticated, bit 5 encrypted, bits 0-3 the suite
 * @param invocationCounter the sender's invocation counter, 0..2^32-1
 * @param protectedBytes  ciphertext followed by the 12-byte tag
 */
record CipheredApdu(int tag, int securityControl, long invocationCounter, byte[] protectedBytes) {

    /** Green Book 9.2.7.2.4.1: SC 30h = authenticated and encrypted, suite 0, unicast key, no compression. */
    static final int AUTHENTICATED_ENCRYPTED_SUITE_0 = 0x30;

    /** Parses {@code apdu}, whose first byte is the tag; the length must cover the rest exactly. */
    static CipheredApdu parse(byte[] apdu) throws MalformedApduException {
        if (apdu.length < 2) {
            throw new MalformedApduException("ciphered APDU of " + apdu.length + " byte(s): no length");
        }
        return parseContent(apdu, 1);
    }

    /**
     * Parses a general-glo-ciphering APDU (Green Book 9.2.7.2.4.4, tag DBh): the sender's system
     * title as an octet string, then length, security header and protected bytes. Returns the
     * title (may be empty: "the one of the association") with the content.
     */
    static CipheredApdu parseGeneralGlo(byte[] apdu, byte[][] titleOut) throws MalformedApduException {
        int[] position = {1};
        int titleLength = AxdrLength.read(apdu, position);
        if (titleLength != 0 && titleLength != 8 || position[0] + titleLength >= apdu.length) {
            throw new MalformedApduException("general-glo-ciphering system title of " + titleLength + " bytes");
        }
        titleOut[0] = Arrays.copyOfRange(apdu, position[0], position[0] + titleLength);
        return parseContent(apdu, position[0] + titleLength);
    }

    private static CipheredApdu parseContent(byte[] apdu, int lengthAt) throws MalformedApduException {
        int[] position = {lengthAt};
        int length = AxdrLength.read(apdu, position);
        int start = position[0];
        if (length != apdu.length - start) {
            throw new MalformedApduException("ciphered APDU length " + length + " but " + (apdu.length - start)
                    + " bytes follow");
        }
        if (length < 5) {
            throw new MalformedApduException("ciphered APDU of " + length + " bytes has no security header");
        }
        int sc = apdu[start] & 0xFF;
        long ic = (apdu[start + 1] & 0xFFL) << 24 | (apdu[start + 2] & 0xFFL) << 16 | (apdu[start + 3] & 0xFFL) << 8
                | apdu[start + 4] & 0xFFL;
        return new CipheredApdu(apdu[0] & 0xFF, sc, ic, Arrays.copyOfRange(apdu, start + 5, apdu.length));
    }
}
