package org.p2gate.p3.server;

/**
 * One DLMS/COSEM TCP wrapper frame (IEC 62056-47 §5.3): version 0x0001, source wPort, destination
 * wPort, length, then the APDU.
 *
 * @param source      the sender's wPort (for a request: the client SAP)
 * @param destination the receiver's wPort (for a request: the logical device)
 * @param apdu        the APDU (not copied: frames live inside one connection thread)
 */
record WrapperFrame(int source, int destination, byte[] apdu) {

    /** IEC 62056-47 §5.3: the only wrapper version. */
    static final int VERSION = 1;
    /** version, source, destination, length: four 16-bit fields. */
    static final int HEADER_LENGTH = 8;

    /** The frame's bytes on the wire. */
    byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + apdu.length];
        put16(out, 0, VERSION);
        put16(out, 2, source);
        put16(out, 4, destination);
        put16(out, 6, apdu.length);
        System.arraycopy(apdu, 0, out, HEADER_LENGTH, apdu.length);
        return out;
    }

    /** The answer to this frame: addresses swapped. */
    WrapperFrame answer(byte[] answerApdu) {
        return new WrapperFrame(destination, source, answerApdu);
    }

    private static void put16(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 8);
        out[at + 1] = (byte) value;
    }
}
