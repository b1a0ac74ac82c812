package org.p2gate.mbus.wireless;

import java.io.IOException;

/**
 * The byte stream to a radio dongle's host controller interface: a serial port in the gateway
 * ({@link Im871aRadio#onSerialPort}), a scripted peer in tests.
 */
public interface HciTransport {

    /** Opens the stream; bytes and failures arrive on the transport's own thread. */
    void open(Receiver receiver) throws IOException;

    void write(byte[] bytes) throws IOException;

    void close();

    String describe();

    /** Where the transport delivers what arrives. */
    interface Receiver {
        void received(byte[] bytes, int offset, int length);

        void failed(IOException cause);
    }
}
