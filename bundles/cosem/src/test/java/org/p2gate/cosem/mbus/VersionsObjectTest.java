package org.p2gate.cosem.mbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.simulator.wired.DsmrGasMeter;

/**
 * Issue 15 item 15, P2 4.2.2 §6.4.2: "The P2 interface must support remote reading of firmware and hardware
 * versions" — read from the device with the readout list (§8.1), then readable by the head-end on 0-x:0.2.0.255.
 */
class VersionsObjectTest {

    @Test
    void p2_6_4_2_theVersionsReadFromTheDeviceAreReadableOnP3() {
        Harness h = new Harness();
        h.bus.attach(DsmrGasMeter.appendixB(Harness.START).defaultKey(Harness.DEFAULT_KEY).primaryAddress(7).build());
        h.await(h.master.bind(Channel.of(1), new Binding.Wired(7)));
        assertArrayEquals(new byte[0], (byte[]) h.read("0.1.0.2.0.255", 2), "nothing read yet");

        assertTrue(h.await(h.master.readVersions(Channel.of(1))).done());

        String text = new String((byte[]) h.read("0.1.0.2.0.255", 2), StandardCharsets.UTF_8);
        assertTrue(text.contains("model.dsmr="), text); // §6.4.2 mandatory properties, named after their VIFE
        assertTrue(text.contains("hardware.met="), text);
        assertTrue(text.contains("metrology-firmware.met="), text);
        assertTrue(text.contains("firmware.com="), text);
        assertTrue(text.endsWith("\r\n"), "each property ended by CR LF (§6.4.2)");
        assertArrayEquals(new byte[0], (byte[]) h.read("0.2.0.2.0.255", 2), "channel 2 has no device");
    }
}
