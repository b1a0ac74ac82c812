package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 12, P2 4.2.2 §4.2.5: the header's status byte "is not protected … Therefore it is not used and its
 * value is set to 0. The status can be retrieved using the DIF/VIF combination described in 6.3.3"; Appendix A:
 * "Use DIF/VIF in Read Out List, not in the Status byte".
 */
class StatusFromErrorFlagsTest {

    /** The header's status byte of a wired RSP_UD: 68 L L 68 C A CI ID(4) MAN(2) VER DEV ACC ST. */
    private static final int HEADER_STATUS = 16;

    /** Sets the header status and blanks the error flags record 01 FD 17 xx with idle fillers 2Fh. */
    private static byte[] statusInHeaderOnly(byte[] frame) {
        byte[] out = frame.clone();
        out[HEADER_STATUS] = 0x50; // fraud + temporary error, unprotected
        for (int i = HEADER_STATUS + 3; i < out.length - 5; i++) {
            if (out[i] == 0x01 && (out[i + 1] & 0xFF) == 0xFD && out[i + 2] == 0x17) {
                out[i] = out[i + 1] = out[i + 2] = out[i + 3] = 0x2F;
            }
        }
        return TamperingDevice.checksummed(out);
    }

    @Test
    void p2_4_2_5_theHeaderStatusByteIsNeitherTheHourlyStatusNorTheChannelStatus() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).build());
            device.tamper(StatusFromErrorFlagsTest::statusInHeaderOnly);
            b.bind(Bench.CH1, device);
            assertTrue(b.await(b.master.read(Bench.CH1)).done());

            HourlyValue value = b.store.channel(Bench.CH1).lastHourlyValue().orElseThrow();
            assertEquals(0, value.status(), "no 01 FD 17 record: the channel's known status (none), not the header's 50h");
            assertEquals(0, b.store.channel(Bench.CH1).status());
            assertEquals(List.of(value), b.store.hourlyValues(Bench.CH1, value.captureTime(), value.captureTime().plusSeconds(1)));
            assertTrue(b.sink.events().stream().noneMatch(e -> e.kind().name().contains("FRAUD")),
                    "no fraud alarm from an unprotected byte");
        }
    }
}
