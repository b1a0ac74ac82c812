package org.p2gate.mbus.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class WiredFrameTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static LongFrame longFrameOf(byte[] cToEnd) {
        return new LongFrame(CField.of(cToEnd[0] & 0xFF), cToEnd[1] & 0xFF, cToEnd[2] & 0xFF,
                Arrays.copyOfRange(cToEnd, 3, cToEnd.length));
    }

    private static DecodeException decodeFails(byte[] bytes) {
        return assertThrows(DecodeException.class, () -> WiredFrame.decode(bytes));
    }

    // ---- shared vectors

    @Test
    void shortFrameVectorsAreReproducedBothWays() throws DecodeException {
        // oms-n4.3/n4.4 (verified) and dsmr-4.3.1/4.3.2 (derived from the P2 templates, not printed)
        for (String id : new String[] {"oms-n4.3-req-ud2-wired", "oms-n4.4-req-ud2-wired",
                "dsmr-4.3.1-snd-nke-addr-01", "dsmr-4.3.2-req-ud2-addr-01"}) {
            JsonNode v = TestVectors.byId(id);
            ShortFrame frame = new ShortFrame(CField.of(Integer.parseInt(v.at("/inputs/C").asText(), 16)),
                    Integer.parseInt(v.at("/inputs/A").asText(), 16));
            byte[] expected = HEX.parseHex(v.at("/expected/frame").asText());
            assertArrayEquals(expected, frame.encode(), id);
            assertEquals(Integer.parseInt(v.at("/expected/checksum").asText(), 16), frame.checksum(), id);
            assertEquals(frame, WiredFrame.decode(expected), id);
        }
    }

    @Test
    void sndNkeToAddress1IsTheP2Section431Template() {
        assertArrayEquals(HEX.parseHex("1040014116"), ShortFrame.of(LinkFunction.SND_NKE, 1).encode());
    }

    @Test
    void checksumIsTheSumOfCToLastDataByteMod256() {
        for (JsonNode v : TestVectors.verified("checksum-ft12").toList()) {
            byte[] cToEnd = HEX.parseHex(v.at("/inputs/bytes_C_to_end_of_data").asText());
            int expected = Integer.parseInt(v.at("/expected/checksum").asText(), 16);
            assertEquals(expected, Checksum.of(cToEnd, 0, cToEnd.length), v.path("id").asText());
            assertEquals(expected, longFrameOf(cToEnd).checksum(), v.path("id").asText());
        }
    }

    @Test
    void b11KeyChangeFrameHasChecksum8EhNotThePrinted4Eh() throws DecodeException {
        // status mismatch: the document prints CS 4Eh, which is the sum with DIF 07h in place of the 47h
        // that P2 §6.5.1 requires for the second key half; the computed, self-consistent frame ends in 8E 16
        JsonNode v = TestVectors.byId("dsmr-b1.1-frame");
        LongFrame frame = longFrameOf(HEX.parseHex(v.at("/inputs/user_data_C_to_end").asText()));
        assertEquals(0x19, frame.lField());
        assertEquals(0x8E, frame.checksum());
        assertEquals(v.at("/expected/frame").asText(), HEX.formatHex(frame.encode()));
        DecodeException printed = decodeFails(HEX.parseHex(v.at("/expected/frame_as_printed").asText()));
        assertEquals(Reason.BAD_CHECKSUM, printed.reason());
        assertEquals(0x19 + 4, printed.offset());
    }

    @Test
    void b13EncryptedFrameNeedsL46hToCoverTheFrameCounterRecordTheChecksumIncludes() throws DecodeException {
        // status mismatch: the printed L = 3Fh leaves out the 7-byte frame-counter record the printed CS 93h includes
        JsonNode v = TestVectors.byId("dsmr-b1.3-frame-encrypted");
        LongFrame frame = longFrameOf(HEX.parseHex(v.at("/inputs/user_data_C_to_end").asText()));
        assertEquals(0x46, frame.lField());
        assertEquals(0x93, frame.checksum());
        byte[] encoded = frame.encode();
        assertEquals(v.at("/expected/frame").asText(), HEX.formatHex(encoded));
        assertEquals(frame, WiredFrame.decode(encoded));
        // as printed, L = 3Fh puts the checksum position inside the frame-counter record
        DecodeException printed = decodeFails(HEX.parseHex(v.at("/expected/frame_as_printed").asText()));
        assertEquals(Reason.BAD_CHECKSUM, printed.reason());
        assertEquals(0x3F + 4, printed.offset());
    }

    @Test
    void b13ClearFrameWithoutFrameCounterHasL3FhAndChecksum49h() throws DecodeException {
        // status mismatch: printed CS 53h only results with the frame-counter record, which L = 3Fh excludes;
        // P2 §5.2: unencrypted messages carry no frame counter, so the consistent frame has CS 49h
        JsonNode v = TestVectors.byId("dsmr-b1.3-frame-clear");
        LongFrame frame = longFrameOf(HEX.parseHex(v.at("/inputs/user_data_C_to_end").asText()));
        assertEquals(0x3F, frame.lField());
        assertEquals(0x49, frame.checksum());
        assertEquals(v.at("/expected/frame").asText(), HEX.formatHex(frame.encode()));
        assertEquals(frame, WiredFrame.decode(frame.encode()));
        DecodeException printed = decodeFails(HEX.parseHex(v.at("/expected/frame_as_printed").asText()));
        assertEquals(Reason.BAD_CHECKSUM, printed.reason());
        assertEquals(0x3F + 4, printed.offset());
    }

    @Test
    void aquastreamTemplateLFieldsCountCToTheLastDataByte() {
        for (JsonNode v : TestVectors.verified("frame-template").toList()) {
            int bytes = 0;
            int ci = 0;
            for (JsonNode field : v.at("/inputs/fields_C_to_end_of_data")) {
                String name = field.asText();
                int times = name.contains(" x") ? Integer.parseInt(name.substring(name.indexOf(" x") + 2)) : 1;
                if (name.startsWith("CI=")) {
                    ci = Integer.parseInt(name.substring(3, 5), 16);
                }
                bytes += times;
            }
            LongFrame frame = new LongFrame(LinkFunction.SND_UD.cField(), 1, ci, new byte[bytes - 3]);
            assertEquals(Integer.parseInt(v.at("/expected/L").asText(), 16), frame.lField(), v.path("id").asText());
            assertEquals(frame.lField(), frame.encode()[1] & 0xFF);
            assertEquals(frame.lField(), frame.encode()[2] & 0xFF);
        }
    }

    // ---- round trips

    @Test
    void singleCharacterIsE5() throws DecodeException {
        assertArrayEquals(new byte[] {(byte) 0xE5}, SingleCharacter.ACK.encode());
        assertEquals(SingleCharacter.ACK, WiredFrame.decode(new byte[] {(byte) 0xE5}));
    }

    @Test
    void controlFrameIsALongFrameWithL3AndNoData() throws DecodeException {
        LongFrame control = LongFrame.control(LinkFunction.SND_UD.cField(), 1, 0x50);
        byte[] bytes = control.encode();
        assertArrayEquals(HEX.parseHex("68030368530150A416"), bytes);
        LongFrame back = (LongFrame) WiredFrame.decode(bytes);
        assertTrue(back.isControlFrame());
        assertEquals(control, back);
    }

    @Test
    void randomWiredFramesOfAllKindsAndLengthsRoundTrip() throws DecodeException {
        Random random = new Random(13757);
        for (int length = 0; length <= LongFrame.MAX_DATA; length++) {
            for (int k = 0; k < 4; k++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                LongFrame frame = new LongFrame(CField.of(random.nextInt(256)), random.nextInt(256), random.nextInt(256), data);
                byte[] encoded = frame.encode();
                assertEquals(length + 9, encoded.length);
                assertEquals(frame, WiredFrame.decode(encoded));
                // at an offset inside a larger buffer
                byte[] padded = new byte[encoded.length + 10];
                System.arraycopy(encoded, 0, padded, 5, encoded.length);
                assertEquals(frame, WiredFrame.decode(padded, 5, encoded.length));
            }
        }
        for (int c = 0; c < 256; c++) {
            ShortFrame frame = new ShortFrame(CField.of(c), random.nextInt(256));
            assertEquals(frame, WiredFrame.decode(frame.encode()));
        }
    }

    @Test
    void dataAccessorsCopyAndDoNotExposeTheRecordsArray() throws DecodeException {
        byte[] data = {1, 2, 3};
        LongFrame frame = new LongFrame(CField.of(0x08), 1, 0x72, data);
        data[0] = 9;
        assertEquals(1, frame.dataByte(0));
        byte[] copy = frame.data();
        copy[1] = 9;
        assertEquals(2, frame.dataByte(1));
        assertNotSame(frame.data(), frame.data());
        byte[] target = new byte[5];
        assertEquals(3, frame.copyDataTo(target, 2));
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3}, target);
        byte[] raw = frame.encode();
        assertEquals(1, raw[LongFrame.DATA_OFFSET]);
    }

    @Test
    void encodersRejectImpossibleArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LongFrame(CField.of(0x08), 1, 0x72, new byte[253]));
        assertThrows(IllegalArgumentException.class, () -> new LongFrame(CField.of(0x08), 256, 0x72, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new ShortFrame(CField.of(0x40), -1));
    }

    // ---- malformed input

    @Test
    void wrongStartByteIsNoStartAtOffset0() {
        DecodeException e = decodeFails(HEX.parseHex("1140014116"));
        assertEquals(Reason.NO_START, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void emptyInputIsTruncatedAtOffset0() {
        DecodeException e = decodeFails(new byte[0]);
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void lBelow3IsBadLengthAtOffset1() {
        DecodeException e = decodeFails(HEX.parseHex("6802026853010A16"));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(1, e.offset());
    }

    @Test
    void differingLBytesAreBadLengthAtOffset2() {
        DecodeException e = decodeFails(HEX.parseHex("68030468530150A416"));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(2, e.offset());
    }

    @Test
    void missingSecondStartByteIsNoStartAtOffset3() {
        DecodeException e = decodeFails(HEX.parseHex("68030369530150A416"));
        assertEquals(Reason.NO_START, e.reason());
        assertEquals(3, e.offset());
    }

    @Test
    void wrongLThatMakesTheFrameLongerThanTheBytesIsTruncated() {
        DecodeException e = decodeFails(HEX.parseHex("68050568530150A416"));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(9, e.offset());
    }

    @Test
    void wrongLThatMakesTheFrameShorterLeavesBytesAfterIt() {
        // L = 3 but 4 bytes C..data: the checksum position holds a data byte
        DecodeException e = decodeFails(HEX.parseHex("680303685301507AFE16"));
        assertEquals(Reason.BAD_CHECKSUM, e.reason());
        assertEquals(7, e.offset());
    }

    @Test
    void badChecksumIsReportedAtTheChecksumByte() {
        DecodeException e = decodeFails(HEX.parseHex("68030368530150A516"));
        assertEquals(Reason.BAD_CHECKSUM, e.reason());
        assertEquals(7, e.offset());
        DecodeException s = decodeFails(HEX.parseHex("1040014216"));
        assertEquals(Reason.BAD_CHECKSUM, s.reason());
        assertEquals(3, s.offset());
    }

    @Test
    void missingStopByteIsNoStopAtTheLastByte() {
        DecodeException e = decodeFails(HEX.parseHex("68030368530150A417"));
        assertEquals(Reason.NO_STOP, e.reason());
        assertEquals(8, e.offset());
        DecodeException s = decodeFails(HEX.parseHex("1040014100"));
        assertEquals(Reason.NO_STOP, s.reason());
        assertEquals(4, s.offset());
    }

    @Test
    void truncatedFramesAreTruncatedAtTheirEnd() {
        byte[] frame = HEX.parseHex("68030368530150A416");
        for (int n = 1; n < frame.length; n++) {
            DecodeException e = assertThrows(DecodeException.class, decodeOf(frame, n));
            assertEquals(Reason.TRUNCATED, e.reason(), "length " + n);
            assertEquals(n, e.offset());
        }
        DecodeException s = decodeFails(HEX.parseHex("104001"));
        assertEquals(Reason.TRUNCATED, s.reason());
        assertEquals(3, s.offset());
    }

    @Test
    void bytesAfterExactlyOneFrameAreBadLengthAtTheFirstExtraByte() {
        DecodeException e = decodeFails(HEX.parseHex("104001411600"));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(5, e.offset());
        DecodeException a = decodeFails(HEX.parseHex("E5E5"));
        assertEquals(Reason.BAD_LENGTH, a.reason());
        assertEquals(1, a.offset());
    }

    @Test
    void offsetsAreRelativeToTheOffsetPassed() {
        byte[] bytes = HEX.parseHex("AAAA68030368530150A516");
        DecodeException e = assertThrows(DecodeException.class, () -> WiredFrame.decode(bytes, 2, bytes.length - 2));
        assertEquals(Reason.BAD_CHECKSUM, e.reason());
        assertEquals(7, e.offset());
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButDecodeException() {
        Random random = new Random(2400);
        for (int i = 0; i < 20000; i++) {
            byte[] bytes = new byte[random.nextInt(270)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) (random.nextBoolean() ? 0x68 : 0x10);
            }
            try {
                WiredFrame frame = WiredFrame.decode(bytes);
                assertArrayEquals(bytes, frame.encode());
            } catch (DecodeException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e.toString());
            }
        }
    }

    private static org.junit.jupiter.api.function.Executable decodeOf(byte[] frame, int n) {
        return () -> WiredFrame.decode(frame, 0, n);
    }

    @Test
    void decodedFrameKindMatchesTheStartByte() throws DecodeException {
        assertInstanceOf(ShortFrame.class, WiredFrame.decode(HEX.parseHex("105B015C16")));
        assertInstanceOf(LongFrame.class, WiredFrame.decode(HEX.parseHex("68030368530150A416")));
        assertInstanceOf(SingleCharacter.class, WiredFrame.decode(HEX.parseHex("E5")));
    }
}
