package org.p2gate.mbus.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Construction and open failures: the real port path is tested against the simulator over a socat pty pair elsewhere. */
class SerialTransportTest {

    @Test
    void dsmrPortsAre2400Baud8E1() {
        assertEquals("serial /dev/ttyUSB0 2400 8E1", new SerialTransport("/dev/ttyUSB0").describe());
        assertEquals("serial /dev/ttyS1 9600 8E1", new SerialTransport("/dev/ttyS1", 9600).describe());
    }

    @Test
    void aPortNameAndAnEn13757BaudRateAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> new SerialTransport(" "));
        assertThrows(IllegalArgumentException.class, () -> new SerialTransport("/dev/ttyUSB0", 115200));
    }

    @Test
    void anOpenFailureSaysWhatItsErrnoMeansNotAlwaysCheckThatItExists() {
        // issue 16: EINVAL was worded "check that it exists"
        assertTrue(SerialTransport.openFailure(22).contains("EINVAL") && SerialTransport.openFailure(22).contains("exists but"));
        assertFalse(SerialTransport.openFailure(22).contains("check that it exists"));
        assertTrue(SerialTransport.openFailure(2).contains("does not exist (ENOENT)"));
        assertTrue(SerialTransport.openFailure(13).contains("EACCES"));
        assertTrue(SerialTransport.openFailure(16).contains("busy"));
        assertTrue(SerialTransport.openFailure(1234).contains("error 1234"));
    }

    @Test
    void openingAPathThatIsNoPortFailsWithAReason(@TempDir Path dir) throws Exception {
        SerialTransport missing = new SerialTransport(dir.resolve("ttyGone").toString());
        IOException e = assertThrows(IOException.class, () -> missing.open(new WiredTransport.Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {}

            @Override
            public void failed(IOException cause) {}
        }));
        // jSerialComm refuses a path that does not exist before opening it
        assertTrue(e.getMessage().startsWith("no serial port " + dir.resolve("ttyGone")), e.getMessage());
    }
}
