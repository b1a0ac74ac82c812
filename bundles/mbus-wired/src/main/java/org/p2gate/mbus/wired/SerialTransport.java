package org.p2gate.mbus.wired;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.util.Objects;

/**
 * A serial port with an M-Bus level converter, through jSerialComm: 2400 baud 8E1 by default, as P2 4.2.2
 * §3.1.4 Table 3 fixes it for DSMR ("at all times and in any situation"). One reader thread per open port
 * delivers what arrives; a port that vanishes (USB converter unplugged) is reported to
 * {@link Receiver#failed(IOException)}.
 */
public final class SerialTransport implements WiredTransport {

    /** How long one blocking read waits before the reader checks whether the port was closed. */
    private static final int READ_TIMEOUT_MS = 100;

    private final String portName;
    private final int baud;
    private final Object lock = new Object();
    private SerialPort port;

    /** DSMR: 2400 baud 8E1. */
    public SerialTransport(String portName) {
        this(portName, LinkSettings.DSMR_BAUD);
    }

    /** 8E1 at {@code baud} (non-DSMR buses). */
    public SerialTransport(String portName, int baud) {
        if (portName == null || portName.isBlank()) {
            throw new IllegalArgumentException("a serial transport needs a port name, e.g. /dev/ttyUSB0");
        }
        if (baud < 300 || baud > 38400) {
            throw new IllegalArgumentException("EN 13757-2 baud rates are 300..38400, got " + baud);
        }
        this.portName = portName;
        this.baud = baud;
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
            // the bundle imports jSerialComm optionally
            throw new IOException("serial port " + portName + " cannot be used: jSerialComm (com.fazecast.jSerialComm) is not installed", e);
        }
        // P2 §3.1.4 Table 3: 8 data bits, even parity, 1 stop bit
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + portName + ": " + openFailure(p.getLastErrorCode()));
        }
        synchronized (lock) {
            port = p;
        }
        Thread reader = new Thread(() -> read(p, receiver), "p2gate-mbus-serial-" + portName);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * What jSerialComm's last error code (the POSIX errno on Linux) means for a person: issue 16 found EINVAL worded
     * "check that it exists". The numbers are Linux's (asm-generic/errno-base.h).
     */
    static String openFailure(int errno) {
        return switch (errno) {
            case 2 -> "it does not exist (ENOENT): is the level converter plugged in? The link retries by itself";
            case 13 -> "permission denied (EACCES): give this user access to the port (e.g. the dialout group)";
            case 16 -> "it is busy (EBUSY): another program has it open";
            case 22 -> "the port exists but refused the line settings (EINVAL): is it a serial device that supports "
                    + "8E1 at this baud rate?";
            case 5, 6, 19 -> "the device is gone or not ready (errno " + errno + "): was the converter unplugged?";
            default -> "error " + errno + ": check that it exists and that this user may use it";
        };
    }

    private void read(SerialPort p, Receiver receiver) {
        byte[] buffer = new byte[512];
        while (true) {
            int n = p.readBytes(buffer, buffer.length);
            synchronized (lock) {
                if (port != p) {
                    return; // closed: nothing is delivered after close()
                }
                if (n < 0 || !p.isOpen()) {
                    port = null;
                    p.closePort();
                    receiver.failed(new IOException("serial port " + portName + " failed (error " + p.getLastErrorCode()
                            + "): was the converter unplugged?"));
                    return;
                }
                if (n > 0) {
                    receiver.received(buffer, 0, n);
                }
            }
        }
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        SerialPort p;
        synchronized (lock) {
            p = port;
        }
        if (p == null) {
            throw new IOException(describe() + " is not open");
        }
        int written = p.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException("writing to serial port " + portName + " failed: " + written + " of " + bytes.length
                    + " bytes (error " + p.getLastErrorCode() + ")");
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
        return "serial " + portName + " " + baud + " 8E1";
    }
}
