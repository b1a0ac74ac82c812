package org.p2gate.p3.server;

/** What an APDU is, by its first byte (DLMS Green Book 9.5, the xDLMS APDU tags). */
enum ApduKind {
    /** 60h: association request. */
    AARQ,
    /** 62h: release request. */
    RLRQ,
    /** C0h get, C1h set, C3h action request: plaintext xDLMS services. */
    PLAIN_REQUEST,
    /** C8h glo-get, C9h glo-set, CBh glo-action request: ciphered with the global key. */
    GLOBAL_CIPHERED_REQUEST,
    /** DBh general-glo-ciphering: the global key, with the sender's system title in the APDU. */
    GENERAL_GLO_CIPHERING,
    /** Ciphering this server does not offer: dedicated key (D0h, D1h, D3h), general-ded / general ciphering (DCh, DDh), signing (DFh). */
    UNSUPPORTED_CIPHERED,
    /** A tag a client does not send to a server, or no tag at all. */
    UNKNOWN;

    static final int AARQ_TAG = 0x60;
    static final int GET_REQUEST = 0xC0;
    static final int SET_REQUEST = 0xC1;
    static final int ACTION_REQUEST = 0xC3;
    static final int GLO_GET_REQUEST = 0xC8;
    static final int GLO_SET_REQUEST = 0xC9;
    static final int GLO_ACTION_REQUEST = 0xCB;
    /** Green Book 9.5: glo-initiateRequest, inside the AARQ's user-information. */
    static final int GLO_INITIATE_REQUEST = 0x21;
    static final int GENERAL_GLO_CIPHERING_TAG = 0xDB;

    /**
     * Green Book 9.5: the glo-ciphering tag of a service answer (get C4h → CCh, set C5h → CDh, action
     * C7h → CFh, confirmed-service-error 0Eh → 2Eh); -1 for an answer that has no ciphered form
     * (exception-response D8h).
     */
    static int gloTagOf(int answerTag) {
        return switch (answerTag) {
            case 0xC4 -> 0xCC;
            case 0xC5 -> 0xCD;
            case 0xC7 -> 0xCF;
            case 0x0E -> 0x2E;
            default -> -1;
        };
    }

    static ApduKind of(byte[] apdu) {
        if (apdu.length == 0) {
            return UNKNOWN;
        }
        return switch (apdu[0] & 0xFF) {
            case AARQ_TAG -> AARQ;
            case 0x62 -> RLRQ;
            case GET_REQUEST, SET_REQUEST, ACTION_REQUEST -> PLAIN_REQUEST;
            case GLO_GET_REQUEST, GLO_SET_REQUEST, GLO_ACTION_REQUEST -> GLOBAL_CIPHERED_REQUEST;
            case GENERAL_GLO_CIPHERING_TAG -> GENERAL_GLO_CIPHERING;
            case 0xD0, 0xD1, 0xD3, 0xDC, 0xDD, 0xDF -> UNSUPPORTED_CIPHERED;
            default -> UNKNOWN;
        };
    }
}
