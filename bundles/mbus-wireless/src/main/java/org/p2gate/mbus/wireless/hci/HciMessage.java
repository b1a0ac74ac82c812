package org.p2gate.mbus.wireless.hci;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One iM871A HCI message: start of frame A5h | control (high nibble) and endpoint (low nibble) | message id |
 * payload length | payload | [timestamp, 4 bytes LSB first] | [RSSI, 1 byte] | [CRC-16, 2 bytes LSB first].
 * Control bits (of the high nibble): 2h timestamp attached, 4h RSSI attached, 8h CRC attached; 1h is reserved.
 *
 * @param endpoint  1 device management, 2 radio link, 3 radio link test, 4 hardware test
 * @param messageId the message within its endpoint
 * @param payload   0..255 bytes
 * @param timestamp the dongle's receive time stamp, when attached
 * @param rssi      the raw RSSI value, when attached
 */
public record HciMessage(int endpoint, int messageId, byte[] payload, OptionalLong timestamp, OptionalInt rssi) {

    public static final int START_OF_FRAME = 0xA5;
    public static final int ENDPOINT_DEVICE_MANAGEMENT = 0x01;
    public static final int ENDPOINT_RADIO_LINK = 0x02;
    public static final int CONTROL_TIMESTAMP = 0x20;
    public static final int CONTROL_RSSI = 0x40;
    public static final int CONTROL_CRC = 0x80;
    public static final int CONTROL_RESERVED = 0x10;

    // device management
    public static final int SET_CONFIG_REQ = 0x03;
    public static final int SET_CONFIG_RSP = 0x04;
    // radio link
    public static final int WMBUS_MESSAGE_REQ = 0x01;
    public static final int WMBUS_MESSAGE_RSP = 0x02;
    public static final int WMBUS_MESSAGE_IND = 0x03;

    public HciMessage {
        if (endpoint < 1 || endpoint > 0x0F || messageId < 0 || messageId > 0xFF) {
            throw new IllegalArgumentException("endpoint 1..15 and message id 0..255, got " + endpoint + "/" + messageId);
        }
        if (payload == null || payload.length > 0xFF) {
            throw new IllegalArgumentException("an HCI payload has 0..255 bytes");
        }
        payload = payload.clone();
        if (timestamp == null || rssi == null) {
            throw new IllegalArgumentException("absent fields are empty, not null");
        }
    }

    /** A message without timestamp and RSSI. */
    public static HciMessage of(int endpoint, int messageId, byte... payload) {
        return new HciMessage(endpoint, messageId, payload, OptionalLong.empty(), OptionalInt.empty());
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The bytes on the wire, with a CRC if {@code withCrc}. */
    public byte[] encode(boolean withCrc) {
        int control = (timestamp.isPresent() ? CONTROL_TIMESTAMP : 0) | (rssi.isPresent() ? CONTROL_RSSI : 0)
                | (withCrc ? CONTROL_CRC : 0);
        int length = 4 + payload.length + (timestamp.isPresent() ? 4 : 0) + (rssi.isPresent() ? 1 : 0) + (withCrc ? 2 : 0);
        byte[] out = new byte[length];
        out[0] = (byte) START_OF_FRAME;
        out[1] = (byte) (control | endpoint);
        out[2] = (byte) messageId;
        out[3] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 4, payload.length);
        int at = 4 + payload.length;
        if (timestamp.isPresent()) {
            long t = timestamp.getAsLong();
            for (int i = 0; i < 4; i++) {
                out[at++] = (byte) (t >>> (8 * i));
            }
        }
        if (rssi.isPresent()) {
            out[at++] = (byte) rssi.getAsInt();
        }
        if (withCrc) {
            int crc = HciCrc.compute(out, 1, at - 1);
            out[at++] = (byte) crc;
            out[at] = (byte) (crc >>> 8);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HciMessage m && m.endpoint == endpoint && m.messageId == messageId && Arrays.equals(m.payload, payload)
                && m.timestamp.equals(timestamp) && m.rssi.equals(rssi);
    }

    @Override
    public int hashCode() {
        return (endpoint * 31 + messageId) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "HciMessage[endpoint " + endpoint + ", id " + messageId + ", " + payload.length + " bytes]";
    }
}
