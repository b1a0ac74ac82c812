package org.p2gate.mbus.wireless.hci;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.util.Objects;
import org.p2gate.mbus.wireless.HciTransport;

/**
 * A radio dongle's USB serial port through jSerialComm, 8 data bits, no parity, 1 stop bit: the iM871A's HCI at
 * 57600 Bd, or the AMB8465-M's UART (9600 Bd by default). One reader thread per open port; an unplugged dongle is
 * reported to {@link Receiver#failed}.
 */
public final class SerialHciTransport implements HciTransport {

    public static final int BAUD = 57_600;
    private static final int READ_TIMEOUT_MS = 100;

    private final String portName;
    private final int baud;
    private final String dongle;
    private final Object lock = new Object();
    private SerialPort port;

    /** The iM871A's port at 57600 Bd. */
    public SerialHciTransport(String portName) {
        this(portName, BAUD, "iM871A");
    }

    /** {@code dongle}: what is plugged in, for messages (e.g. "AMB8465-M"). */
    public SerialHciTransport(String portName, int baud, String dongle) {
        if (portName == null || portName.isBlank()) {
            throw new IllegalArgumentException("the " + dongle + " needs a serial port name, e.g. /dev/ttyUSB0");
        }
        this.portName = portName;
        this.baud = baud;
        this.dongle = dongle;
    }

    @Override
    public void open(Receiver receiver) throws IOException {
        Objects.requireNonNull(receiver);
        close();
        SerialPort p;
        try {
            p = SerialPort.getCommPort(portName);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + portName + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IOException("serial port " + portName + " cannot be used: jSerialComm is not installed", e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + portName + " (error " + p.getLastErrorCode()
                    + "): check that the " + dongle + " is plugged in and that this user may use the port");
        }
        synchronized (lock) {
            port = p;
        }
        Thread reader = new Thread(() -> read(p, receiver), "p2gate-" + dongle.toLowerCase() + "-" + portName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(SerialPort p, Receiver receiver) {
        byte[] buffer = new byte[512];
        while (true) {
            int n = p.readBytes(buffer, buffer.length);
            synchronized (lock) {
                if (port != p) {
                    return;
                }
                if (n < 0 || !p.isOpen()) {
                    port = null;
                    p.closePort();
                    receiver.failed(new IOException("serial port " + portName + " failed (error " + p.getLastErrorCode()
                            + "): was the " + dongle + " unplugged?"));
                    return;
                }
            }
            if (n > 0) {
                receiver.received(buffer, 0, n);
            }
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        SerialPort p;
        synchronized (lock) {
            p = port;
        }
        if (p == null) {
            throw new IOException(describe() + " is not open");
        }
        int written = p.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException("writing to " + portName + " failed: " + written + " of " + bytes.length + " bytes");
        }
    }

    @Override
    public void close() {
        SerialPort p;
        synchronized (lock) {
            p = port;
            port = null;
        }
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public String describe() {
        return "serial " + portName + " " + baud + " 8N1";
    }
}
