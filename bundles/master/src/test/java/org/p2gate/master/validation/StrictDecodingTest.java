package org.p2gate.master.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.ChannelState;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;

/**
 * The departures the generic decoder tolerates (issue 18) stay rejected by the master: it decodes strictly
 * (P2 4.2.2 §4.1: what is not described "shall be rejected").
 */
class StrictDecodingTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Long header of a gas meter (ID 12345678, KAM, version 01, gas), ACC 2Ah, STS 00. */
    private static final String HEADER = "785634122D2C0103" + "2A00";
    private static final String TWO_RECORDS = "0C1378563412" + "025A1A01";

    private static Validation validate(int ci, String data) {
        LongFrame frame = new LongFrame(CField.of(0x08), 1, ci, HEX.parseHex(data));
        return new ResponseValidator().validate(frame, ChannelState.empty(Channel.of(1)), ChannelKeys.NONE);
    }

    private static RejectionReason rejection(Validation v) {
        return assertInstanceOf(Validation.Rejected.class, v).reason();
    }

    @Test
    void aConformingAnswerIsAccepted() {
        assertInstanceOf(Validation.Accepted.class, validate(0x72, HEADER + "0000" + TWO_RECORDS));
    }

    @Test
    void theEn1434SignatureFfffIsNotReadAsUnencrypted() {
        assertEquals(RejectionReason.MALFORMED, rejection(validate(0x72, HEADER + "FFFF" + TWO_RECORDS)));
    }

    @Test
    void aVif7bWithoutExtensionBitRejectsTheAnswer() {
        assertEquals(RejectionReason.MALFORMED, rejection(validate(0x72, HEADER + "0000" + "027B3412" + TWO_RECORDS)));
    }

    @Test
    void aReservedDifAfterValidRecordsRejectsTheAnswer() {
        assertEquals(RejectionReason.MALFORMED, rejection(validate(0x72, HEADER + "0000" + TWO_RECORDS + "FF0102")));
    }

    @Test
    void aFixedDataStructureIsNotAnAllowedAnswer() {
        // P2 4.2.2 Table 5: RSP_UD has CI 72h
        assertEquals(RejectionReason.NOT_ALLOWED, rejection(validate(0x73, "78563412" + "2A00" + "0569" + "3165000069000000")));
    }
}
