package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.simulator.wired.MeterSpec;

/** {@code ./p2gate simulate}: its command line (the serial path itself is tested in the simulator module). */
class SimulateCommandTest {

    @Test
    void aMeterIsKindAtAddress() {
        assertEquals(new MeterSpec("gas", 5), MeterSpec.parse("gas@5"));
        assertEquals(new MeterSpec("slave-e", 250), MeterSpec.parse("slave-e@250"));
    }

    @Test
    void badMeterSpecsSayWhatIsWrong() {
        assertEquals("meter kinds are gas, water, heat and slave-e; got 'oil'",
                assertThrows(IllegalArgumentException.class, () -> MeterSpec.parse("oil@5")).getMessage());
        assertEquals("a primary address is 0..250; got 251",
                assertThrows(IllegalArgumentException.class, () -> MeterSpec.parse("gas@251")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MeterSpec.parse("gas"));
        assertThrows(IllegalArgumentException.class, () -> MeterSpec.parse("gas@five"));
    }

    @Test
    void eachKindBuildsTheDsmrMeterOfItsMediumAtItsAddress() {
        var water = MeterSpec.parse("water@6").build(Instant.parse("2026-11-21T10:00:00Z"), 31000002,
                MeterSpec.DEFAULT_KEY);
        assertEquals(6, water.primaryAddress());
        assertTrue(water.describe().contains(DeviceType.WATER.toString()), water.describe());
    }

    @Test
    void withoutASerialPortTheUsageIsShownAndTheExitIs2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new SimulateCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"--meter", "gas@5"});
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--serial PORT is needed"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: ./p2gate simulate"));
    }
}
