package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class TransportLayerTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Wireless link data: L C M(2) A(6) come before the first CI. */
    private static final int WIRELESS_CI = 10;
    /** Wired user data from C: C A come before the CI. */
    private static final int WIRED_CI = 2;

    private static byte[] from(String vectorId, String key, int skip) {
        byte[] all = HEX.parseHex(TestVectors.byId(vectorId).at(key).asText());
        byte[] rest = new byte[all.length - skip];
        System.arraycopy(all, skip, rest, 0, rest.length);
        return rest;
    }

    @Test
    void appendixBB13EncryptedRspUdIsCi72LongHeaderMode15ThreeBlocksThenTheFrameCounterRecord() throws DecodeException {
        byte[] bytes = from("dsmr-b1.3-frame-encrypted", "/inputs/user_data_C_to_end", WIRED_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals(Optional.of(CiField.RESPONSE_LONG), tpl.ci());
        LongHeader header = assertInstanceOf(LongHeader.class, tpl.header().orElseThrow());
        assertEquals("23456789", header.deviceId().identificationNumber());
        assertEquals(15, tpl.configuration().orElseThrow().mode());
        assertEquals(13, tpl.dataOffset());
        // 48 encrypted bytes, then the clear frame-counter record 04 FD 08 01 00 00 00 (P2 §5.2)
        assertEquals(48 + 7, tpl.dataLength());
        assertEquals(48, tpl.configuration().orElseThrow().encryptedLength());
        assertTrue(tpl.ell().isEmpty() && tpl.afl().isEmpty());
        assertArrayEquals(bytes, tpl.encode(java.util.Arrays.copyOfRange(bytes, tpl.dataOffset(), bytes.length)));
    }

    @Test
    void appendixBB13ClearRspUdHasConfigurationWordZero() throws DecodeException {
        byte[] bytes = from("dsmr-b1.3-frame-clear", "/inputs/user_data_C_to_end", WIRED_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals(ConfigurationWord.NONE, tpl.configuration().orElseThrow());
        assertEquals(0x2F, bytes[tpl.dataOffset()] & 0xFF, "clear data starts with the 2F 2F filler");
    }

    @Test
    void appendixBB11KeyChangeIsCi51WithoutHeader() throws DecodeException {
        byte[] bytes = from("dsmr-b1.1-frame", "/inputs/user_data_C_to_end", WIRED_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals(Optional.of(CiField.DATA_TO_DEVICE_NO_HEADER), tpl.ci());
        assertTrue(tpl.header().isEmpty());
        assertTrue(tpl.configuration().isEmpty());
        assertEquals(1, tpl.dataOffset());
        assertEquals(22, tpl.dataLength());
    }

    @Test
    void omsN23SndNrIsShortEllThenAflThenShortHeaderWithMode7() throws DecodeException {
        byte[] bytes = from("oms-n2.3-snd-nr-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals(ExtendedLinkLayer.of(0x20, 0x75), tpl.ell().orElseThrow());
        assertEquals(OptionalLong.of(2739), tpl.afl().orElseThrow().messageCounter());
        assertEquals(Optional.of(CiField.RESPONSE_SHORT), tpl.ci());
        ShortHeader header = assertInstanceOf(ShortHeader.class, tpl.header().orElseThrow());
        assertEquals(0x75, header.accessNumber());
        assertEquals(Optional.of(ConfigurationFieldExtension.of(1, 0)), header.extension());
        assertEquals(3 + 17 + 1 + 5, tpl.dataOffset());
        assertEquals(32, tpl.dataLength(), "two encrypted blocks");
        String ciphertext = TestVectors.byId("oms-n2.3-mode7-encrypt").at("/expected/ciphertext").asText();
        assertEquals(ciphertext, HEX.formatHex(bytes, tpl.dataOffset(), bytes.length));
        assertArrayEquals(bytes, tpl.encode(HEX.parseHex(ciphertext)));
    }

    @Test
    void omsN24RspUdIsLongEllThenAflThenLongHeader() throws DecodeException {
        byte[] bytes = from("oms-n2.4-rsp-ud-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals("33445566", tpl.ell().orElseThrow().receiver().orElseThrow().identificationNumber());
        assertEquals(OptionalInt.of(0x25), tpl.afl().orElseThrow().messageControl());
        assertEquals(Optional.of(CiField.RESPONSE_LONG), tpl.ci());
        LongHeader header = assertInstanceOf(LongHeader.class, tpl.header().orElseThrow());
        assertEquals("ELS", header.deviceId().manufacturer().letters());
        assertEquals(32, tpl.dataLength());
        assertArrayEquals(bytes, tpl.encode(java.util.Arrays.copyOfRange(bytes, tpl.dataOffset(), bytes.length)));
    }

    @Test
    void omsN24ReqUd2IsLongEllThenCi80WithLongHeaderAndNoData() throws DecodeException {
        byte[] bytes = from("oms-n2.4-req-ud2-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals(0x84, tpl.ell().orElseThrow().communicationControl());
        assertEquals(Optional.of(CiField.TRANSPORT_TO_DEVICE_LONG), tpl.ci());
        assertEquals(ConfigurationWord.NONE, tpl.configuration().orElseThrow());
        assertEquals(0, tpl.dataLength());
    }

    @Test
    void omsN34FragmentRequestIsAnEllWithNothingAfterIt() throws DecodeException {
        byte[] bytes = from("oms-n3.4-req-ud2-f2-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals("ZRI", tpl.ell().orElseThrow().receiver().orElseThrow().manufacturer().letters());
        assertTrue(tpl.ci().isEmpty());
        assertEquals(11, tpl.dataOffset());
        assertEquals(0, tpl.dataLength());
        assertArrayEquals(bytes, tpl.encode(new byte[0]));
    }

    @Test
    void omsN8ApplicationErrorIsShortEllThenCi6EWithAnyApplicationErrorStatus() throws DecodeException {
        byte[] bytes = from("oms-n8-rsp-ud-apperr-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertEquals(0x6E, tpl.ci().orElseThrow().code());
        assertTrue(tpl.header().orElseThrow().status().anyApplicationError());
        assertEquals(1, tpl.dataLength(), "error code 01h: CI-field not implemented");
    }

    @Test
    void aLaterFragmentCarriesDataAfterItsAflAndNoCi() throws DecodeException {
        // OMS Annex N N.3.5 (fragment 3): AFL with MACP only, then the rest of the message
        byte[] bytes = HEX.parseHex("8E80133A63665544330A31" + "900A0304BE47ED4C9CC11A78" + "06CC3E");
        TransportLayer tpl = TransportLayer.decode(bytes);
        assertTrue(tpl.ci().isEmpty());
        assertEquals(23, tpl.dataOffset());
        assertEquals(3, tpl.dataLength());
        assertArrayEquals(bytes, tpl.encode(HEX.parseHex("06CC3E")));
    }

    @Test
    void randomLayerChainsRoundTrip() throws DecodeException {
        Random random = new Random(5);
        int[] cis = {0x51, 0x5A, 0x5B, 0x6C, 0x72, 0x78, 0x7A, 0x80, 0x8A, 0x8B, 0x6E};
        for (int i = 0; i < 2000; i++) {
            CiField ci = CiField.of(cis[random.nextInt(cis.length)]);
            int data = random.nextInt(40);
            ConfigurationWord cw = random.nextBoolean() ? ConfigurationWord.of(0, 0)
                    : ConfigurationWord.of(random.nextBoolean() ? 15 : 7, data / 16);
            Optional<ConfigurationFieldExtension> cfe = cw.hasExtension()
                    ? Optional.of(ConfigurationFieldExtension.of(random.nextInt(4), random.nextInt(16))) : Optional.empty();
            int acc = random.nextInt(256);
            StatusByte sts = StatusByte.of(random.nextInt(256));
            Optional<TransportHeader> header = switch (ci.headerKind()) {
                case SHORT -> Optional.of(new ShortHeader(acc, sts, cw, cfe));
                case LONG -> Optional.of(new LongHeader(new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)),
                        random.nextInt(256), DeviceType.of(random.nextInt(256))), acc, sts, cw, cfe));
                default -> Optional.empty();
            };
            Optional<ExtendedLinkLayer> ell = random.nextBoolean() ? Optional.empty()
                    : Optional.of(ExtendedLinkLayer.of(random.nextInt(256), random.nextInt(256)));
            Optional<AuthenticationFragmentationLayer> afl = random.nextBoolean() ? Optional.empty()
                    : Optional.of(AuthenticationFragmentationLayer.unfragmented(0x25, random.nextInt() & 0xFFFF_FFFFL, new byte[8]));
            TransportLayer tpl = TransportLayer.of(ell, afl, Optional.of(ci), header, data);
            byte[] payload = new byte[data];
            random.nextBytes(payload);
            byte[] bytes = tpl.encode(payload);
            assertEquals(tpl, TransportLayer.decode(bytes));
            // the same bytes inside a larger buffer decode to the same, with offsets relative to the first CI
            byte[] framed = new byte[bytes.length + 7];
            System.arraycopy(bytes, 0, framed, 5, bytes.length);
            assertEquals(tpl, TransportLayer.decode(framed, 5, bytes.length));
        }
    }

    @Test
    void anUnknownCiIsUnknownCiAtItsOffset() {
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(HEX.parseHex("8C2075" + "20" + "00")));
        assertEquals(Reason.UNKNOWN_CI, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void anUnknownFirstCiIsUnknownCiAtZeroRelativeToTheGivenRange() {
        byte[] framed = HEX.parseHex("6811116808012000");
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(framed, 6, 2));
        assertEquals(Reason.UNKNOWN_CI, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void aShortHeaderCutOffIsTruncatedAtTheEndOfTheInput() {
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(HEX.parseHex("7AF600")));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void aShortHeaderCutOffInsideARangeIsTruncatedRelativeToIt() {
        byte[] framed = HEX.parseHex("FFFF7AF600FFFF");
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(framed, 2, 3));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void anAflWhoseLengthLiesIsBadLengthAtItsLengthByte() {
        byte[] bytes = from("oms-n2.3-snd-nr-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        bytes[4] = 0x0E; // AFL.L, after 8C 20 75 90
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(bytes));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(4, e.offset());
    }

    @Test
    void moreEncryptedBlocksThanDataIsBadLengthAtTheConfigurationWord() {
        // CI 7A, ACC F6, STS 00, CW 30 0F (three blocks) but only 16 bytes follow
        byte[] bytes = HEX.parseHex("7AF600300F" + "00".repeat(16));
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(bytes));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void nothingAfterTheLinkLayerIsTruncated() {
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(new byte[0]));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void aSecondEllAfterAnAflIsABadHeader() {
        byte[] bytes = HEX.parseHex("900F002C25B30A000021924D4F2FB66E01" + "8C2075");
        var e = assertThrows(DecodeException.class, () -> TransportLayer.decode(bytes));
        assertEquals(Reason.BAD_HEADER, e.reason());
        assertEquals(17, e.offset());
    }

    @Test
    void everySingleByteAndTruncationDecodesOrFailsWithADecodeException() {
        byte[] bytes = from("oms-n2.4-rsp-ud-frame", "/inputs/link_data_without_crc", WIRELESS_CI);
        for (int length = 0; length <= bytes.length; length++) {
            try {
                TransportLayer.decode(bytes, 0, length);
            } catch (DecodeException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= length, expected.toString());
            }
        }
        for (int ci = 0; ci < 256; ci++) {
            byte[] one = {(byte) ci, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            try {
                TransportLayer.decode(one);
            } catch (DecodeException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= one.length, expected.toString());
            }
        }
    }
}
