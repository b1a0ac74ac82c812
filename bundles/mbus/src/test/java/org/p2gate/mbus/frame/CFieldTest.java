package org.p2gate.mbus.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CFieldTest {

    @Test
    void dsmrTable5WiredCodesNameTheirFunctions() {
        assertEquals(Optional.of(LinkFunction.SND_NKE), CField.of(0x40).wiredFunction());
        assertEquals(Optional.of(LinkFunction.REQ_UD2), CField.of(0x5B).wiredFunction());
        assertEquals(Optional.of(LinkFunction.REQ_UD2), CField.of(0x7B).wiredFunction());
        assertEquals(Optional.of(LinkFunction.SND_UD), CField.of(0x53).wiredFunction());
        assertEquals(Optional.of(LinkFunction.SND_UD), CField.of(0x73).wiredFunction());
        assertEquals(Optional.of(LinkFunction.REQ_UD1), CField.of(0x5A).wiredFunction());
        assertEquals(Optional.of(LinkFunction.REQ_UD1), CField.of(0x7A).wiredFunction());
        assertEquals(Optional.of(LinkFunction.RSP_UD), CField.of(0x08).wiredFunction());
    }

    @Test
    void reqSkeIsRecognisedAs49hAndAsThe59hP2Table5Prints() {
        assertEquals(Optional.of(LinkFunction.REQ_SKE), CField.of(0x49).wiredFunction());
        assertEquals(Optional.of(LinkFunction.REQ_SKE), CField.of(0x59).wiredFunction());
        assertEquals(Optional.of(LinkFunction.RSP_SKE), CField.of(0x0B).wiredFunction());
        assertEquals(Optional.of(LinkFunction.RSP_SKE), CField.of(0x2B).wiredFunction());
    }

    @Test
    void dsmrTable6WirelessCodesNameTheirFunctions() {
        assertEquals(Optional.of(LinkFunction.SND_NKE), CField.of(0x40).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.SND_NR), CField.of(0x44).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.SND_IR), CField.of(0x46).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.ACC_NR), CField.of(0x47).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.ACC_DMD), CField.of(0x48).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.SND_UD), CField.of(0x53).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.SND_UD), CField.of(0x73).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.REQ_UD2), CField.of(0x5B).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.REQ_UD2), CField.of(0x7B).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.RSP_UD), CField.of(0x08).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.ACK), CField.of(0x00).wirelessFunction());
        assertEquals(Optional.of(LinkFunction.CNF_IR), CField.of(0x06).wirelessFunction());
    }

    @Test
    void wiredAckIsTheSingleCharacterNotACField() {
        assertEquals(Optional.empty(), CField.of(0x00).wiredFunction());
        assertEquals(Optional.empty(), CField.of(0xE5).wiredFunction());
        assertEquals(Optional.empty(), CField.of(0xE5).wirelessFunction());
    }

    @Test
    void sndUd2At43hIsNotSndUdWithoutFcv() {
        assertEquals(Optional.of(LinkFunction.SND_UD2), CField.of(0x43).wirelessFunction());
        assertEquals(Optional.empty(), CField.of(0x43).wiredFunction());
        assertFalse(CField.of(0x43).is(LinkFunction.SND_UD));
    }

    @Test
    void functionsWithoutFrameCountBitMatchOnlyTheirExactCode() {
        assertEquals(Optional.empty(), CField.of(0x60).wiredFunction(), "SND_NKE has no FCB");
        assertEquals(Optional.empty(), CField.of(0x64).wirelessFunction(), "SND_NR has no FCB");
        assertEquals(Optional.empty(), CField.of(0xC0).wiredFunction(), "bit 7 is reserved 0");
    }

    @Test
    void fcbAndFcvAreBits5And4OfAPrimaryMessage() {
        CField c = CField.of(0x7B);
        assertTrue(c.isPrimary());
        assertTrue(c.fcb());
        assertTrue(c.fcv());
        assertFalse(c.acd());
        assertEquals(CField.of(0x5B), c.withFcb(false));
        assertEquals(CField.of(0x7B), LinkFunction.REQ_UD2.cField().withFcb(true));
        assertFalse(CField.of(0x5B).fcb());
    }

    @Test
    void acdAndDfcAreBits5And4OfASecondaryMessage() {
        CField c = CField.of(0x38);
        assertFalse(c.isPrimary());
        assertTrue(c.acd());
        assertTrue(c.dfc());
        assertFalse(c.fcb());
        assertEquals(Optional.of(LinkFunction.RSP_UD), c.wiredFunction());
        assertEquals(Optional.of(LinkFunction.ACK), CField.of(0x10).wirelessFunction());
        assertThrows(IllegalArgumentException.class, () -> c.withFcb(true));
    }

    @Test
    void everyByteValueIsRepresentableAndKeepsItsValue() {
        for (int v = 0; v < 256; v++) {
            assertEquals(v, CField.of(v).value());
            assertEquals(v, new CField(v).value());
            CField.of(v).toString();
        }
        assertEquals("99h (unknown)", CField.of(0x99).toString());
        assertEquals("7Bh REQ_UD2 FCB", CField.of(0x7B).toString());
        assertThrows(IllegalArgumentException.class, () -> CField.of(256));
        assertThrows(IllegalArgumentException.class, () -> new CField(-1));
    }

    @Test
    void p2Section3AllowsItsListedFunctionsPerMedium() {
        // P2 §3.2.2: not allowed are REQ_UD1, ACC_NR and ACC_DMD
        assertFalse(LinkFunction.REQ_UD1.isAllowedByDsmrWireless());
        assertFalse(LinkFunction.ACC_NR.isAllowedByDsmrWireless());
        assertFalse(LinkFunction.ACC_DMD.isAllowedByDsmrWireless());
        for (LinkFunction f : new LinkFunction[] {LinkFunction.SND_NKE, LinkFunction.REQ_UD2, LinkFunction.RSP_UD,
                LinkFunction.SND_UD, LinkFunction.SND_NR, LinkFunction.ACK, LinkFunction.SND_IR, LinkFunction.CNF_IR}) {
            assertTrue(f.isAllowedByDsmrWireless(), f.name());
        }
        // P2 §3.1.2: SND_NKE, REQ_UD2, SND_UD, RSP_UD, REQ_UD1, REQ_SKE, RSP_SKE
        for (LinkFunction f : LinkFunction.values()) {
            boolean listed = switch (f) {
                case SND_NKE, REQ_UD2, SND_UD, RSP_UD, REQ_UD1, REQ_SKE, RSP_SKE -> true;
                default -> false;
            };
            assertEquals(listed, f.isAllowedByDsmrWired(), f.name());
        }
    }

    @Test
    void eachFunctionsOwnCFieldNamesThatFunction() {
        for (LinkFunction f : LinkFunction.values()) {
            if (f.isWired()) {
                assertEquals(Optional.of(f), f.cField().wiredFunction(), f.name());
            }
            if (f.isWireless()) {
                assertEquals(Optional.of(f), f.cField().wirelessFunction(), f.name());
            }
        }
    }
}
