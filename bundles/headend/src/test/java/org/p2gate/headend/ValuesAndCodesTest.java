package org.p2gate.headend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.security.AesKey;

/** The small value rules of the head-end: codes, Short ID, date-time, what prints. */
class ValuesAndCodesTest {

    @Test
    void eventCodeIsOneHundredPlusTenPerChannelPlusKind() {
        String[] kinds = {"communication error", "communication ok", "replace battery", "fraud attempt",
            "clock adjusted", "new M-Bus device discovered", "permanent error"};
        for (int channel = 1; channel <= 4; channel++) {
            for (int k = 0; k < kinds.length; k++) {
                int code = 100 + 10 * (channel - 1) + k;
                assertEquals(kinds[k] + " on channel " + channel, MBusEventCodes.meaning(code));
                assertEquals(channel, MBusEventCodes.channel(code).getAsInt());
            }
        }
        assertTrue(MBusEventCodes.channel(107).isEmpty(), "k = 7 is no M-Bus event");
        assertEquals("unknown event 99", MBusEventCodes.meaning(99));
    }

    @Test
    void dateTimeIsUtcWithDeviationZeroBothWays() throws Exception {
        Instant t = Instant.parse("2026-03-29T01:30:15Z");
        byte[] encoded = CosemDateTime.encode(t);
        assertEquals(0, encoded[9] | encoded[10], "deviation 0");
        assertEquals(Optional.of(t), CosemDateTime.decode(encoded));
        encoded[10] = 60;
        HeadEndException e = assertThrows(HeadEndException.class, () -> CosemDateTime.decode(encoded));
        assertEquals(HeadEndException.Kind.UNEXPECTED_ANSWER, e.kind());
    }

    @Test
    void dataAccessResultsMapToKinds() {
        assertEquals(HeadEndException.Kind.OBJECT_MISSING, DlmsResult.of(4).failureKind());
        assertEquals(HeadEndException.Kind.OBJECT_MISSING, DlmsResult.of(11).failureKind());
        assertEquals(HeadEndException.Kind.ACCESS_DENIED, DlmsResult.of(3).failureKind());
        assertEquals(HeadEndException.Kind.TEMPORARY_FAILURE, DlmsResult.of(2).failureKind());
        assertEquals(HeadEndException.Kind.TYPE_UNMATCHED, DlmsResult.of(12).failureKind());
        assertEquals(HeadEndException.Kind.REFUSED, DlmsResult.of(250).failureKind());
        assertTrue(DlmsResult.of(0).success());
    }

    @Test
    void securityKeysNeverPrintTheirKeys() {
        SecurityKeys keys = new SecurityKeys(new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                AesKey.fromHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"), AesKey.fromHex("000102030405060708090A0B0C0D0E0F"));
        String text = keys.toString() + HeadEndSettings.management("h", 1, keys);
        assertFalse(text.toUpperCase().contains("D0D1D2"), text);
        assertFalse(text.contains("0102030405060708090A"), text);
        assertTrue(text.contains("0102030405060708"), "the system title is not secret: " + text);
    }
}
