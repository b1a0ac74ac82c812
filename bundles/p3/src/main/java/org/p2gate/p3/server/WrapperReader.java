package org.p2gate.p3.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads wrapper frames from a connection's stream and checks their headers (IEC 62056-47 §5.3). */
final class WrapperReader {

    private final InputStream in;
    private final int maxApduLength;
    private final byte[] header = new byte[WrapperFrame.HEADER_LENGTH];

    WrapperReader(InputStream in, int maxApduLength) {
        this.in = in;
        this.maxApduLength = maxApduLength;
    }

    /**
     * The next frame, or empty when the peer closed the connection between frames.
     *
     * @throws MalformedWrapperException a wrong version or a length beyond the largest APDU
     * @throws IOException               the connection failed, timed out, or closed inside a frame
     */
    Optional<WrapperFrame> next() throws IOException, MalformedWrapperException {
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        header[0] = (byte) first;
        readFully(header, 1, header.length - 1);
        int version = get16(0);
        if (version != WrapperFrame.VERSION) {
            throw new MalformedWrapperException(String.format("wrapper version %04X, only 0001 exists", version));
        }
        int length = get16(6);
        if (length == 0) {
            throw new MalformedWrapperException("wrapper length 0: a frame carries an APDU");
        }
        if (length > maxApduLength) {
            throw new MalformedWrapperException("wrapper length " + length + " beyond the largest APDU, " + maxApduLength);
        }
        byte[] apdu = new byte[length];
        readFully(apdu, 0, length);
        return Optional.of(new WrapperFrame(get16(2), get16(4), apdu));
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(into, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("connection closed inside a wrapper frame");
            }
            done += n;
        }
    }

    private int get16(int at) {
        return (header[at] & 0xFF) << 8 | header[at + 1] & 0xFF;
    }
}
