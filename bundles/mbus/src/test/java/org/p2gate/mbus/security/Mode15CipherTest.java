package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.mbus.security.Vectors.bytes;
import static org.p2gate.mbus.security.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wire.LittleEndian;

class Mode15CipherTest {

    /** P2 Appendix B: user key 00 01 .. 0F. */
    private static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    /** P2 Appendix B header: 23456789, NET, version 42h, gas. */
    private static final ShortId GAS_METER = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    /** The Short ID that the IV printed at the top of Appendix B implies: version 40h. */
    private static final ShortId AS_PRINTED_IN_APPENDIX_B = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x40, DeviceType.GAS);

    static Stream<JsonNode> ivVectors() {
        return TestVectors.all("iv-mode15");
    }

    /** The IV's inputs as the Short ID in link-address order (MAN ID VER DEV) and the frame counter. */
    private static ShortId deviceOf(JsonNode vector) throws DecodeException {
        byte[] link = Vectors.HEX.parseHex(vector.at("/inputs/manufacturer_wire").asText()
                + vector.at("/inputs/ident_wire").asText() + vector.at("/inputs/version").asText()
                + vector.at("/inputs/medium").asText());
        return ShortId.fromLinkAddress(link, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ivVectors")
    void ivIsManIdVerDevThenTheFrameCounterTwiceLsbFirst(JsonNode vector) throws DecodeException {
        long frameCounter = LittleEndian.readU32(bytes(vector, "/inputs/frame_counter_wire"), 0);
        byte[] iv = Mode15Cipher.initializationVector(deviceOf(vector), frameCounter);
        assertEquals(vector.at("/expected/iv").asText(), hex(iv));
        byte[] written = new byte[20];
        Mode15Cipher.writeInitializationVector(deviceOf(vector), frameCounter, written, 3);
        assertArrayEquals(iv, Arrays.copyOfRange(written, 3, 19));
    }

    @Test
    void appendixBPrintsItsIvWithVersion40hWhileItsHeaderSays42h() throws DecodeException {
        // dsmr-b1.3-mode15-iv (status mismatch): §5.2 builds the IV from the header, VER 42h. The IV
        // printed at the top of Appendix B has 40h. We compute the header's IV, and show that the
        // printed one is exactly the IV of the same device with version 40h, nothing else.
        JsonNode vector = TestVectors.byId("dsmr-b1.3-mode15-iv");
        String printed = vector.at("/expected/iv_as_printed").asText();
        byte[] computed = Mode15Cipher.initializationVector(deviceOf(vector), 1);
        assertEquals(vector.at("/expected/iv").asText(), hex(computed));
        assertNotEquals(printed, hex(computed));
        assertEquals(printed, hex(Mode15Cipher.initializationVector(AS_PRINTED_IN_APPENDIX_B, 1)));
    }

    @Test
    void ivHoldsTheWholeFourByteFrameCounter() {
        byte[] iv = Mode15Cipher.initializationVector(GAS_METER, 0xFFFF_FFFEL);
        assertEquals("B438896745234203FEFFFFFFFEFFFFFF", hex(iv));
        assertThrows(IllegalArgumentException.class, () -> Mode15Cipher.initializationVector(GAS_METER, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> Mode15Cipher.initializationVector(GAS_METER, -1));
    }

    @Test
    void appendixB13CiphertextIsReproducedWithThePrintedVersion40hIv() throws DecodeException {
        // dsmr-b1.3-mode15-encrypt: the document's ciphertext was made with the IV it prints (40h).
        JsonNode vector = TestVectors.byId("dsmr-b1.3-mode15-encrypt");
        byte[] iv = bytes(vector, "/inputs/iv");
        ShortId device = ShortId.fromLinkAddress(iv, 0);
        long frameCounter = LittleEndian.readU32(iv, 8);
        assertEquals(AS_PRINTED_IN_APPENDIX_B, device);
        assertEquals(1, frameCounter);
        assertEquals(AesKey.of(bytes(vector, "/inputs/key")), USER_KEY);
        byte[] plaintext = bytes(vector, "/inputs/plaintext");
        byte[] ciphertext = Mode15Cipher.encrypt(USER_KEY, device, frameCounter, Vectors.recordsOf(plaintext));
        assertEquals(vector.at("/expected/ciphertext").asText(), hex(ciphertext));
        // 48 bytes = 3 blocks, as the configuration word 30 0F says
        assertEquals(3, ciphertext.length / 16);
        assertArrayEquals(plaintext, Mode15Cipher.decrypt(USER_KEY, device, frameCounter, ciphertext, 0, ciphertext.length));
    }

    @Test
    void appendixB13PlaintextUnderTheHeaderIvGivesTheDerivedCiphertext() {
        // dsmr-b1.3-mode15-encrypt-header-iv (derived, not printed): the IV §5.2 prescribes for this
        // header; every byte differs from the document's column, which is why the printed one cannot
        // come from a header-derived IV.
        JsonNode vector = TestVectors.byId("dsmr-b1.3-mode15-encrypt-header-iv");
        assertArrayEquals(bytes(vector, "/inputs/iv"), Mode15Cipher.initializationVector(GAS_METER, 1));
        byte[] ciphertext = Mode15Cipher.encrypt(USER_KEY, GAS_METER, 1, Vectors.recordsOf(bytes(vector, "/inputs/plaintext")));
        assertEquals(vector.at("/expected/ciphertext").asText(), hex(ciphertext));
        byte[] printed = bytes(TestVectors.byId("dsmr-b1.3-mode15-encrypt"), "/expected/ciphertext");
        for (int i = 0; i < printed.length; i++) {
            assertNotEquals(printed[i], ciphertext[i], "byte " + i);
        }
    }

    @Test
    void pitfallTheWrongVersionInTheIvStillDecryptsTo2F2F() throws DecodeException {
        // dsmr-b1.3-mode15-decrypt-header-iv (derived): decrypting the document's ciphertext with the
        // header IV (42h instead of 40h) flips bit 1 of plaintext byte 6 only (DIF 0Dh -> 0Fh), so the
        // 2F 2F check passes. The filler check does not prove the IV; a later record decode may fail.
        JsonNode vector = TestVectors.byId("dsmr-b1.3-mode15-decrypt-header-iv");
        byte[] ciphertext = bytes(vector, "/inputs/ciphertext");
        byte[] plain = Mode15Cipher.decrypt(USER_KEY, GAS_METER, 1, ciphertext, 0, ciphertext.length);
        assertEquals(vector.at("/expected/plaintext").asText(), hex(plain));
        byte[] truth = bytes(TestVectors.byId("dsmr-b1.3-mode15-encrypt"), "/inputs/plaintext");
        for (int i = 0; i < truth.length; i++) {
            if (i == 6) {
                assertEquals(0x0D, truth[i]);
                assertEquals(0x0F, plain[i]);
            } else {
                assertEquals(truth[i], plain[i], "byte " + i);
            }
        }
    }

    @Test
    void encryptAddsTwoLeadingFillersAndPadsWithAtLeastTwoTrailingOnes() throws DecodeException {
        // P2 §5.1: two 2Fh at the start; at least two fillers; an extra block when necessary.
        for (int len = 0; len <= 50; len++) {
            byte[] records = new byte[len];
            Arrays.fill(records, (byte) 0x11);
            byte[] ciphertext = Mode15Cipher.encrypt(USER_KEY, GAS_METER, 7, records);
            assertEquals(0, ciphertext.length % 16);
            int trailing = ciphertext.length - 2 - len;
            assertTrue(trailing >= 2 && trailing < 18, "len " + len + ": " + trailing + " trailing fillers");
            byte[] plain = Mode15Cipher.decrypt(USER_KEY, GAS_METER, 7, ciphertext, 0, ciphertext.length);
            assertEquals(0x2F, plain[0]);
            assertEquals(0x2F, plain[1]);
            assertArrayEquals(records, Arrays.copyOfRange(plain, 2, 2 + len));
            for (int i = 2 + len; i < plain.length; i++) {
                assertEquals(0x2F, plain[i]);
            }
        }
        assertEquals(16, Mode15Cipher.encrypt(USER_KEY, GAS_METER, 7, new byte[12]).length);
        assertEquals(32, Mode15Cipher.encrypt(USER_KEY, GAS_METER, 7, new byte[13]).length, "one filler would be too few");
    }

    @Test
    void randomKeysDevicesCountersAndLengthsRoundTrip() throws DecodeException {
        Random random = new Random(15);
        for (int n = 0; n < 500; n++) {
            byte[] keyBytes = new byte[16];
            random.nextBytes(keyBytes);
            AesKey key = AesKey.of(keyBytes);
            ShortId device = new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)),
                    random.nextInt(256), new DeviceType(random.nextInt(256)));
            long frameCounter = random.nextLong() & 0xFFFF_FFFFL;
            byte[] records = new byte[random.nextInt(240)];
            random.nextBytes(records);
            int off = random.nextInt(5);
            byte[] frame = new byte[off + 300];
            byte[] ciphertext = Mode15Cipher.encrypt(key, device, frameCounter, records);
            System.arraycopy(ciphertext, 0, frame, off, ciphertext.length);
            byte[] plain = Mode15Cipher.decrypt(key, device, frameCounter, frame, off, ciphertext.length);
            assertArrayEquals(records, Arrays.copyOfRange(plain, 2, 2 + records.length));
        }
    }

    @Test
    void wrongKeyIsReportedAsBadFiller() {
        byte[] ciphertext = Mode15Cipher.encrypt(USER_KEY, GAS_METER, 1, new byte[30]);
        Random random = new Random(2);
        for (int n = 0; n < 200; n++) {
            byte[] other = USER_KEY.exportBytes();
            other[random.nextInt(16)] ^= (byte) (1 << random.nextInt(8));
            AesKey wrong = AesKey.of(other);
            var e = assertThrows(DecodeException.class,
                    () -> Mode15Cipher.decrypt(wrong, GAS_METER, 1, ciphertext, 0, ciphertext.length));
            assertEquals(Reason.BAD_FILLER, e.reason());
            assertTrue(e.offset() == 0 || e.offset() == 1);
            AesKeyTest.assertShowsNoKeyBytes(other, e.toString());
            AesKeyTest.assertShowsNoKeyBytes(USER_KEY.exportBytes(), e.toString());
        }
    }

    @Test
    void alteredFirstBlockIsReportedAsBadFillerAtItsOffset() {
        byte[] frame = new byte[4 + 48];
        byte[] ciphertext = Mode15Cipher.encrypt(USER_KEY, GAS_METER, 1, new byte[40]);
        System.arraycopy(ciphertext, 0, frame, 4, ciphertext.length);
        frame[4] ^= 0x01; // CBC: the first ciphertext block garbles the whole first plaintext block
        var e = assertThrows(DecodeException.class, () -> Mode15Cipher.decrypt(USER_KEY, GAS_METER, 1, frame, 4, 48));
        assertEquals(Reason.BAD_FILLER, e.reason());
        assertTrue(e.offset() == 4 || e.offset() == 5, "offset into the caller's array: " + e.offset());
    }

    @Test
    void aLengthThatIsNotAPositiveMultipleOf16IsDecryptionFailed() {
        byte[] data = new byte[64];
        for (int len : new int[] {0, 1, 15, 17, 47}) {
            var e = assertThrows(DecodeException.class, () -> Mode15Cipher.decrypt(USER_KEY, GAS_METER, 1, data, 2, len));
            assertEquals(Reason.DECRYPTION_FAILED, e.reason(), "len " + len);
            assertEquals(2 + len - len % 16, e.offset(), "len " + len);
        }
    }

    @Test
    void anEncryptedPartLongerThanTheInputIsTruncated() {
        byte[] data = new byte[40];
        var e = assertThrows(DecodeException.class, () -> Mode15Cipher.decrypt(USER_KEY, GAS_METER, 1, data, 8, 48));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(40, e.offset());
        var past = assertThrows(DecodeException.class, () -> Mode15Cipher.decrypt(USER_KEY, GAS_METER, 1, data, 41, 16));
        assertEquals(Reason.TRUNCATED, past.reason());
    }

    @Test
    void otherFrameCounterOrDeviceGivesADifferentCiphertext() {
        byte[] records = new byte[20];
        byte[] base = Mode15Cipher.encrypt(USER_KEY, GAS_METER, 1, records);
        assertNotEquals(hex(base), hex(Mode15Cipher.encrypt(USER_KEY, GAS_METER, 2, records)));
        assertNotEquals(hex(base), hex(Mode15Cipher.encrypt(USER_KEY, AS_PRINTED_IN_APPENDIX_B, 1, records)));
    }
}
