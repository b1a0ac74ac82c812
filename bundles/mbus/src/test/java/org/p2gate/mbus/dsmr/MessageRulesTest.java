package org.p2gate.mbus.dsmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.mbus.dsmr.MessageRules.NO_CI;
import static org.p2gate.mbus.transport.Direction.FROM_DEVICE;
import static org.p2gate.mbus.transport.Direction.TO_DEVICE;

import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.transport.Direction;

/**
 * P2 4.2.2 §4.1. Table 5 (wired), as flattened in specs/001: "Purpose | Initiator | Direction data |
 * Message | Response". Table 6 (wireless) likewise. One test per row: the message and its response.
 */
class MessageRulesTest {

    private static MessageKind wired(Direction direction, int c, int ci) throws DecodeException {
        return MessageRules.classify(Medium.WIRED, direction, c, ci);
    }

    private static MessageKind wireless(Direction direction, int c, int ci) throws DecodeException {
        return MessageRules.classify(Medium.WIRELESS, direction, c, ci);
    }

    private static DecodeException rejected(Medium medium, Direction direction, int c, int ci) {
        DecodeException e = assertThrows(DecodeException.class, () -> MessageRules.classify(medium, direction, c, ci));
        assertEquals(Reason.NOT_ALLOWED, e.reason());
        assertEquals(0, e.offset());
        assertFalse(MessageRules.isAllowed(medium, direction, c, ci));
        return e;
    }

    // --- Table 5, wired ---

    @Test
    void wiredRow1NormalisationIsSndNke40hWithoutCiAnsweredByE5() throws DecodeException {
        // "Normalisation message: reset link | E-meter | <none> | SND_NKE C=40h; CI=< > | E5h <single char>"
        assertEquals(MessageKind.SND_NKE, wired(TO_DEVICE, 0x40, NO_CI));
        assertEquals(MessageKind.SINGLE_CHARACTER, MessageRules.classifySingleCharacter(Medium.WIRED, FROM_DEVICE, 0xE5));
    }

    @Test
    void wiredRow2MeterDataIsReqUd25BhAnsweredByRspUd08hCi72h() throws DecodeException {
        // "Meter data message | E-meter | M-Bus device to E-meter | REQ_UD2 C=5Bh; CI=< > | RSP_UD C=08h; CI=72h"
        assertEquals(MessageKind.REQ_UD2, wired(TO_DEVICE, 0x5B, NO_CI));
        assertEquals(MessageKind.RSP_UD, wired(FROM_DEVICE, 0x08, 0x72));
    }

    @Test
    void p2Table5_en13757_2_rspUdWithTheAcdOrDfcBitIsStillRspUd() throws DecodeException {
        // issue 15 item 9: Table 5's 08h is the function code; bits 5 (ACD) and 4 (DFC) of a secondary station's C-field
        // are its status (EN 13757-2), as the RSP_SKE row (xBh) already reads them
        for (int c : new int[] {0x18, 0x28, 0x38}) {
            assertEquals(MessageKind.RSP_UD, wired(FROM_DEVICE, c, 0x72), "C = " + Integer.toHexString(c));
        }
        rejected(Medium.WIRED, FROM_DEVICE, 0x48, 0x72); // PRM set: a primary message, not an answer
        rejected(Medium.WIRED, FROM_DEVICE, 0x88, 0x72); // bit 7 is reserved (0)
        rejected(Medium.WIRED, FROM_DEVICE, 0x09, 0x72); // another function code
        rejected(Medium.WIRED, FROM_DEVICE, 0x18, 0x7A); // the CI still must be 72h
    }

    @Test
    void wiredRow3ReadoutListIsSndUd53hCi5Ah() throws DecodeException {
        // "Control message: readout list | E-meter | E-meter to M-Bus device | SND_UD C=53h; CI=5Ah | E5h"
        assertEquals(MessageKind.SND_UD_CONTROL, wired(TO_DEVICE, 0x53, 0x5A));
    }

    @Test
    void wiredRow4ClockSynchronisationIsSndUd53hCi6Ch() throws DecodeException {
        // "Control message: clock synchronisation | E-meter | E-meter to M-Bus device | SND_UD C=53h; CI=6Ch | E5h"
        assertEquals(MessageKind.SND_UD_CLOCK_SYNCHRONISATION, wired(TO_DEVICE, 0x53, 0x6C));
    }

    @Test
    void wiredRow5UnencryptedSetAddressOrKeyIsSndUd53hCi51h() throws DecodeException {
        // "Unencrypted message: set M-Bus address, set key | E-meter | ... | SND_UD C=53h; CI=51h | E5h"
        assertEquals(MessageKind.SND_UD_UNENCRYPTED, wired(TO_DEVICE, 0x53, 0x51));
    }

    @Test
    void wiredRow6TimeCriticalDataIsReqUd15AhWithoutCi() throws DecodeException {
        // "Time critical data message: not used, but standard | E-meter | ... | REQ_UD1 C=5Ah; CI=< > | E5h"
        assertEquals(MessageKind.REQ_UD1, wired(TO_DEVICE, 0x5A, NO_CI));
    }

    @Test
    void wiredRow7StatusRequestIsReqSke59hAnsweredByRspSkeXBh() throws DecodeException {
        // "Status request message: not used, but standard | E-meter | <none> | REQ_SKE C=59h; CI=< > | RSP_SKE C=xBh; CI=< >"
        assertEquals(MessageKind.REQ_SKE, wired(TO_DEVICE, 0x59, NO_CI));
        for (int c : new int[] {0x0B, 0x1B, 0x2B, 0x3B}) {
            assertEquals(MessageKind.RSP_SKE, wired(FROM_DEVICE, c, NO_CI), Integer.toHexString(c));
        }
    }

    @Test
    void theFrameCountBitIsIgnored() throws DecodeException {
        // P2 §3.1.2 / §3.2.2: "The frame count bit (FCB) of the C-Field is ignored."
        assertEquals(MessageKind.REQ_UD2, wired(TO_DEVICE, 0x7B, NO_CI));
        assertEquals(MessageKind.SND_UD_CONTROL, wired(TO_DEVICE, 0x73, 0x5A));
        assertEquals(MessageKind.REQ_UD2, wireless(TO_DEVICE, 0x7B, 0x80));
        rejected(Medium.WIRED, TO_DEVICE, 0x60, NO_CI); // SND_NKE has no FCB: 60h is not 40h
    }

    @Test
    void wiredRejectsWirelessCombinations() {
        rejected(Medium.WIRED, TO_DEVICE, 0x53, 0x5B);
        rejected(Medium.WIRED, FROM_DEVICE, 0x44, 0x7A);
        rejected(Medium.WIRED, FROM_DEVICE, 0x08, 0x7A);
        rejected(Medium.WIRED, TO_DEVICE, 0x40, 0x80);
    }

    @Test
    void wiredRejectsTheWrongDirection() {
        rejected(Medium.WIRED, FROM_DEVICE, 0x53, 0x5A);
        rejected(Medium.WIRED, TO_DEVICE, 0x08, 0x72);
        rejected(Medium.WIRED, FROM_DEVICE, 0x5B, NO_CI);
        assertThrows(DecodeException.class, () -> MessageRules.classifySingleCharacter(Medium.WIRED, TO_DEVICE, 0xE5));
    }

    @Test
    void wiredRejectsUnknownCAndCi() {
        rejected(Medium.WIRED, TO_DEVICE, 0x53, 0x50); // application reset: not in Table 5
        rejected(Medium.WIRED, TO_DEVICE, 0x53, 0xB8); // set baud rate: fixed at 2400 (P2 §3.1.4)
        rejected(Medium.WIRED, TO_DEVICE, 0x53, 0x52); // slave select: no secondary addressing (P2 §3.1.3)
        rejected(Medium.WIRED, TO_DEVICE, 0x53, NO_CI);
        rejected(Medium.WIRED, FROM_DEVICE, 0x08, 0x78);
        rejected(Medium.WIRED, TO_DEVICE, 0x49, NO_CI); // EN 13757-2 REQ_SKE; Table 5 lists 59h
        rejected(Medium.WIRED, FROM_DEVICE, 0x4B, NO_CI); // not xBh of a secondary station
        rejected(Medium.WIRED, TO_DEVICE, 0x5B, 0x80); // wired REQ_UD2 has no CI
    }

    // --- Table 6, wireless ---

    @Test
    void wirelessRow1NormalisationIsSndNke40hCi80hWithoutResponse() throws DecodeException {
        // "Normalisation message: reset link, stop FAC | E-meter | <none> | SND_NKE C=40h; CI=80h | <none>"
        assertEquals(MessageKind.SND_NKE, wireless(TO_DEVICE, 0x40, 0x80));
    }

    @Test
    void wirelessRow2MeterDataIsSndNr44hCi7AhFromTheDevice() throws DecodeException {
        // "Meter data message | M-Bus device | M-Bus device to E-meter | SND_NR C=44h; CI=7Ah | <none>"
        assertEquals(MessageKind.SND_NR, wireless(FROM_DEVICE, 0x44, 0x7A));
    }

    @Test
    void wirelessRow3OnDemandDataIsReqUd25BhCi80hAnsweredByRspUd08hCi7Ah() throws DecodeException {
        // "On-demand data message | E-meter | M-Bus device to E-meter | REQ_UD2 C=5Bh; CI=80h | RSP_UD C=08h; CI=7Ah"
        assertEquals(MessageKind.REQ_UD2, wireless(TO_DEVICE, 0x5B, 0x80));
        assertEquals(MessageKind.RSP_UD, wireless(FROM_DEVICE, 0x08, 0x7A));
    }

    @Test
    void wirelessRow4ReadoutListIsSndUd53hCi5BhAnsweredByAck00hCi8Ah() throws DecodeException {
        // "Control message: readout list | E-meter | E-meter to M-Bus device | SND_UD C=53h; CI=5Bh | ACK C=00h; CI=8Ah"
        assertEquals(MessageKind.SND_UD_CONTROL, wireless(TO_DEVICE, 0x53, 0x5B));
        assertEquals(MessageKind.ACK, wireless(FROM_DEVICE, 0x00, 0x8A));
    }

    @Test
    void wirelessRow5ClockSynchronisationIsSndUd53hCi6ChAnsweredByAck() throws DecodeException {
        // "Control message: clock synchronisation | E-meter | ... | SND_UD C=53h; CI=6Ch | ACK C=00h; CI=8Ah"
        assertEquals(MessageKind.SND_UD_CLOCK_SYNCHRONISATION, wireless(TO_DEVICE, 0x53, 0x6C));
        assertEquals(MessageKind.ACK, wireless(FROM_DEVICE, 0x00, 0x8A));
    }

    @Test
    void wirelessRow6UnencryptedSetKeyIsSndUd53hCi5BhTooAnsweredByAck() throws DecodeException {
        // "Unencrypted message: set key (conf. word = 00h) | E-meter | ... | SND_UD C=53h; CI=5Bh | ACK C=00h; CI=8Ah"
        // Same C/CI as row 4; only the configuration word (0000h) tells them apart (§4.4.6).
        assertEquals(MessageKind.SND_UD_CONTROL, wireless(TO_DEVICE, 0x53, 0x5B));
        assertEquals(MessageKind.ACK, wireless(FROM_DEVICE, 0x00, 0x8A));
    }

    @Test
    void wirelessRow7InstallationIsSndIr46hCi7AhConfirmedByCnfIr06hCi80h() throws DecodeException {
        // "Installation message: broadcast and registration | M-Bus device | <none> | SND_IR C=46h; CI=7Ah | CNF_IR C=06h; CI=80h"
        assertEquals(MessageKind.SND_IR, wireless(FROM_DEVICE, 0x46, 0x7A));
        assertEquals(MessageKind.CNF_IR, wireless(TO_DEVICE, 0x06, 0x80));
    }

    @Test
    void wirelessRejectsWiredCombinations() {
        rejected(Medium.WIRELESS, TO_DEVICE, 0x53, 0x5A);
        rejected(Medium.WIRELESS, TO_DEVICE, 0x53, 0x51);
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x08, 0x72);
        rejected(Medium.WIRELESS, TO_DEVICE, 0x40, NO_CI);
        rejected(Medium.WIRELESS, TO_DEVICE, 0x5B, NO_CI);
        assertThrows(DecodeException.class, () -> MessageRules.classifySingleCharacter(Medium.WIRELESS, FROM_DEVICE, 0xE5));
    }

    @Test
    void wirelessRejectsTheWrongDirection() {
        DecodeException e = rejected(Medium.WIRELESS, TO_DEVICE, 0x44, 0x7A);
        assertTrue(e.getMessage().contains("C=44h CI=7Ah from the E-meter"), e.getMessage());
        assertTrue(e.getMessage().contains("wireless"), e.getMessage());
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x53, 0x5B);
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x06, 0x80);
        rejected(Medium.WIRELESS, TO_DEVICE, 0x00, 0x8A);
        rejected(Medium.WIRELESS, TO_DEVICE, 0x46, 0x7A);
    }

    @Test
    void wirelessRejectsUnknownCAndCiAndTheForbiddenTelegrams() {
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x44, 0x72); // SND_NR with long header
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x44, 0x8C); // OMS ELL: not in Table 6
        rejected(Medium.WIRELESS, TO_DEVICE, 0x5A, 0x80);  // REQ_UD1 not allowed (§3.2.2)
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x47, 0x7A); // ACC_NR not allowed (§3.2.2)
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x48, 0x7A); // ACC_DMD not allowed (§3.2.2)
        rejected(Medium.WIRELESS, FROM_DEVICE, 0x08, 0x6E); // application error not listed
        rejected(Medium.WIRELESS, TO_DEVICE, 0x53, 0x20);
    }

    @Test
    void aRejectionNamesTheCombinationAndTheMedium() {
        DecodeException e = rejected(Medium.WIRED, FROM_DEVICE, 0x08, 0x7A);
        assertEquals("C=08h CI=7Ah from the M-Bus device is not allowed on wired M-Bus (P2 4.2.2 Table 5)", e.getMessage());
    }
}
