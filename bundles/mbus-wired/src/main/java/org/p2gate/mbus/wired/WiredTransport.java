package org.p2gate.mbus.wired;

import java.io.IOException;

/**
 * A medium that carries bytes to an M-Bus segment and back: a serial port with a level converter,
 * a TCP M-Bus converter, or memory (tests and the simulator). It moves bytes only; framing and
 * timing are the link's, and the physics of the bus (byte times, collisions) the far end's.
 */
public interface WiredTransport extends AutoCloseable {

    /** Opens the medium; bytes that arrive from now on go to {@code receiver}. */
    void open(Receiver receiver) throws IOException;

    /** Sends {@code bytes}; returns once the medium has taken them. */
    void send(byte[] bytes) throws IOException;

    /** Closes the medium; no byte is delivered after it returns. Closing twice is harmless. */
    @Override
    void close();

    /** What the medium is, for logs and banners, e.g. "serial /dev/ttyUSB0 2400 8E1". */
    String describe();

    /** Where a transport delivers what it receives; called on the transport's own thread. */
    interface Receiver {

        /** {@code length} bytes arrived. The array may be reused after the call returns. */
        void received(byte[] bytes, int offset, int length);

        /** The medium failed (e.g. the serial port vanished); no byte follows until it is opened again. */
        void failed(IOException cause);
    }
}
