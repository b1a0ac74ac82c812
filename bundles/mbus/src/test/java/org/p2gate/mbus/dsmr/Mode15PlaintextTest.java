package org.p2gate.mbus.dsmr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** P2 4.2.2 §5.1: the decrypted part is 2F 2F, data records, then 2..17 fillers filling the last block. */
class Mode15PlaintextTest {

    /** Error flags (01 FD 17 00) and a gas volume with storage number 1 (4C 13 + 4 BCD bytes): 10 bytes of records. */
    private static final byte[] RECORDS = HexFormat.of().parseHex("01FD17004C1378563412");

    private static byte[] plaintext(byte[] records, int trailing) {
        byte[] out = new byte[2 + records.length + trailing];
        Arrays.fill(out, (byte) 0x2F);
        System.arraycopy(records, 0, out, 2, records.length);
        return out;
    }

    private static DecodeException refused(byte[] plain) {
        return assertThrows(DecodeException.class, () -> Mode15Plaintext.check(plain));
    }

    @Test
    void twoFillersRecordsAndTheFillersOfTheLastBlockPass() {
        assertDoesNotThrow(() -> Mode15Plaintext.check(plaintext(RECORDS, 16 - 2 - RECORDS.length)));
        // 14 bytes of records leave none for the two trailing fillers: "an extra data block shall be added"
        byte[] fourteen = HexFormat.of().parseHex("01FD17004C137856341201FD1700");
        assertDoesNotThrow(() -> Mode15Plaintext.check(plaintext(fourteen, 16)));
    }

    @Test
    void whatTheMastersOwnCipherProducesPasses() throws DecodeException {
        ShortId id = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
        AesKey key = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
        for (int n = 0; n <= RECORDS.length; n++) {
            byte[] records = Arrays.copyOf(RECORDS, n == 0 ? 0 : RECORDS.length);
            byte[] cipher = Mode15Cipher.encrypt(key, id, 7, records);
            Mode15Plaintext.check(Mode15Cipher.decrypt(key, id, 7, cipher, 0, cipher.length));
        }
    }

    @Test
    void aManufacturerDataDifAfterTheFillersIsNotADsmrPlaintext_theWrongIvOfIssue16() {
        byte[] plain = plaintext(RECORDS, 4);
        plain[2] = 0x0F; // what a wrong IV made of the first record's DIF
        DecodeException e = refused(plain);
        assertEquals(Reason.BAD_RECORD, e.reason());
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("special function DIF 0Fh"), e.getMessage());
        plain[2] = 0x1F;
        assertEquals(Reason.BAD_RECORD, refused(plain).reason());
        plain[2] = 0x7F; // a global readout request is a request, not an answer
        assertEquals(Reason.BAD_RECORD, refused(plain).reason());
    }

    @Test
    void fillersOnlyWhereP2PutsThem() {
        byte[] noLeading = plaintext(RECORDS, 4);
        noLeading[1] = 0x00;
        assertEquals(Reason.BAD_FILLER, refused(noLeading).reason());

        byte[] inTheMiddle = plaintext(HexFormat.of().parseHex("01FD17002F4C1378563412"), 3); // 2F between two records
        DecodeException e = refused(inTheMiddle);
        assertEquals(Reason.BAD_FILLER, e.reason());
        assertTrue(e.getMessage().contains("after a 2Fh filler"), e.getMessage());

        DecodeException one = refused(plaintext(HexFormat.of().parseHex("01FD17004C1378563412011305"), 1)); // 2 + 13 + 1
        assertEquals(Reason.BAD_FILLER, one.reason());
        assertTrue(one.getMessage().contains("1 trailing"), one.getMessage());

        DecodeException tooMany = refused(plaintext(RECORDS, 16 - 2 - RECORDS.length + 16)); // a whole block of fillers more
        assertEquals(Reason.BAD_FILLER, tooMany.reason());
        assertTrue(tooMany.getMessage().contains("20 trailing"), tooMany.getMessage());
    }

    @Test
    void aRecordThatDoesNotDecodeOrAPartNotInBlocksIsRefused() {
        assertEquals(Reason.DECRYPTION_FAILED, refused(new byte[15]).reason());
        // 04 13: a 32-bit volume with two of its four bytes left in the block
        byte[] cut = plaintext(HexFormat.of().parseHex("01FD17004C137856341204137856"), 0);
        assertEquals(16, cut.length);
        assertThrows(DecodeException.class, () -> Mode15Plaintext.check(cut));
    }
}
