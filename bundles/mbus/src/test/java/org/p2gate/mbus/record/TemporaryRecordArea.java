package org.p2gate.mbus.record;

import java.util.HexFormat;

/**
 * TEMPORARY, test only: finds the record area of a wired long frame until the frame and transport
 * packages exist (68 L L 68 C A CI; CI 72h → 12-byte long header, 7Ah → 4-byte short header,
 * 78h → none; records end before CS 16). Replace with the frame decoder when it lands.
 */
final class TemporaryRecordArea {

    /** The frame bytes, the first record byte and the count of record bytes; or null if not a CI 72h/7Ah/78h long frame. */
    record Area(byte[] frame, int offset, int length, int ci) {}

    private TemporaryRecordArea() {}

    static Area of(String spacedHex) {
        byte[] frame = HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
        if (frame.length < 9 || (frame[0] & 0xFF) != 0x68 || (frame[3] & 0xFF) != 0x68) {
            return null;
        }
        int l = frame[1] & 0xFF;
        int ci = frame[6] & 0xFF;
        int header = switch (ci) {
            case 0x72, 0x76 -> 12;
            case 0x7A -> 4;
            case 0x78 -> 0;
            default -> -1;
        };
        if (header < 0 || 4 + l + 2 != frame.length) {
            return null;
        }
        int start = 7 + header;
        int end = 4 + l; // CS sits at 4 + L
        return new Area(frame, start, end - start, ci);
    }
}
