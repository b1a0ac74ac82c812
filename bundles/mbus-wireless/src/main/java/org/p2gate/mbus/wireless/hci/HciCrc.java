package org.p2gate.mbus.wireless.hci;

/**
 * The HCI frame check: CRC-16/CCITT as in ISO/IEC 13239 (X.25): polynomial 1021h processed LSB first (8408h),
 * initial value FFFFh, result inverted, sent LSB first. It covers the control/endpoint byte to the last byte
 * before the CRC (the start of frame A5h is not covered).
 */
public final class HciCrc {

    private HciCrc() {
    }

    public static int compute(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return ~crc & 0xFFFF;
    }
}
