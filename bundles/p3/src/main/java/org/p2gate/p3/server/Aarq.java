package org.p2gate.p3.server;

import java.util.Arrays;
import java.util.Optional;

/**
 * The parts of an AARQ (DLMS Green Book 9.3.2, ISO 8650 BER) that the security policy needs.
 *
 * @param cipheredContext  application-context-name is "logical name referencing with ciphering" (…08 01 03)
 * @param mechanismId      the authentication mechanism id (…08 02 xx), if any
 * @param callingApTitle   the client's system title (calling-AP-title), if any
 * @param userInformation  the xDLMS initiate request inside user-information, if any
 */
record Aarq(boolean cipheredContext, Optional<Integer> mechanismId, Optional<byte[]> callingApTitle,
        Optional<byte[]> userInformation) {

    /** Green Book 9.4.2.2.2: application context LN referencing with ciphering. */
    private static final int CONTEXT_LN_CIPHERED = 3;

    static Aarq parse(byte[] apdu) throws MalformedApduException {
        if (apdu.length < 2 || (apdu[0] & 0xFF) != ApduKind.AARQ_TAG) {
            throw new MalformedApduException("not an AARQ");
        }
        int[] position = {1};
        int length = AxdrLength.read(apdu, position);
        if (length != apdu.length - position[0]) {
            throw new MalformedApduException("AARQ length " + length + " but " + (apdu.length - position[0]) + " bytes follow");
        }
        boolean ciphered = false;
        Optional<Integer> mechanism = Optional.empty();
        Optional<byte[]> title = Optional.empty();
        Optional<byte[]> user = Optional.empty();
        while (position[0] < apdu.length) {
            int tag = apdu[position[0]++] & 0xFF;
            int fieldLength = AxdrLength.read(apdu, position);
            int start = position[0];
            if (fieldLength > apdu.length - start) {
                throw new MalformedApduException(String.format("AARQ field %02X of %d bytes runs past the end", tag, fieldLength));
            }
            byte[] value = Arrays.copyOfRange(apdu, start, start + fieldLength);
            position[0] = start + fieldLength;
            switch (tag) {
                case 0xA1 -> ciphered = value.length > 0 && (value[value.length - 1] & 0xFF) == CONTEXT_LN_CIPHERED;
                case 0x8B -> mechanism = value.length > 0 ? Optional.of(value[value.length - 1] & 0xFF) : Optional.empty();
                case 0xA6 -> title = Optional.of(innerOctetString(value, "calling-AP-title"));
                case 0xBE -> user = Optional.of(innerOctetString(value, "user-information"));
                default -> {
                    // other fields (acse-requirements, calling-authentication-value, ...) are Gurux's business
                }
            }
        }
        return new Aarq(ciphered, mechanism, title, user);
    }

    /** The content of the OCTET STRING (04h) that a field wraps. */
    private static byte[] innerOctetString(byte[] field, String name) throws MalformedApduException {
        if (field.length < 2 || field[0] != 0x04) {
            throw new MalformedApduException("AARQ " + name + " is not an octet string");
        }
        int[] position = {1};
        int length = AxdrLength.read(field, position);
        if (length != field.length - position[0]) {
            throw new MalformedApduException("AARQ " + name + " octet string length " + length + " does not fit its field");
        }
        return Arrays.copyOfRange(field, position[0], field.length);
    }
}
