package org.p2gate.mbus.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;
import org.p2gate.mbus.transport.ShortId;

class WirelessFrameTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static List<JsonNode> wirelessVectors() {
        return TestVectors.verified("frame").filter(v -> v.at("/inputs/link_data_without_crc").isTextual()).toList();
    }

    @Test
    void formatAFrameVectorsAreReproducedWithTheirBlockCrcs() throws DecodeException {
        List<JsonNode> vectors = wirelessVectors();
        assertEquals(7, vectors.size());
        for (JsonNode v : vectors) {
            String id = v.path("id").asText();
            byte[] plain = HEX.parseHex(v.at("/inputs/link_data_without_crc").asText());
            byte[] sent = HEX.parseHex(v.at("/expected/frame").asText());
            WirelessFrame frame = WirelessFrame.decodeWithoutCrcs(plain, 0, plain.length);
            assertEquals(Integer.parseInt(v.at("/expected/L").asText(), 16), frame.lField(), id);
            assertArrayEquals(sent, frame.encode(WirelessFrameFormat.A), id);
            assertArrayEquals(plain, frame.encodeWithoutCrcs(), id);
            assertEquals(frame, WirelessFrame.decode(sent, WirelessFrameFormat.A), id);
            assertArrayEquals(plain, WirelessFrameFormat.A.removeCrcs(sent, 0, sent.length), id);
            assertEquals(sent.length, WirelessFrameFormat.A.frameLength(sent[0] & 0xFF), id);
            // the block CRCs listed in the vector sit where format A puts them
            int at = 10;
            int remaining = plain.length - 10;
            for (JsonNode crc : v.at("/expected/block_crcs")) {
                assertEquals(crc.asText(), HEX.formatHex(sent, at, at + 2), id);
                int next = Math.min(16, remaining);
                remaining -= next;
                at += 2 + next;
            }
            assertEquals(0, remaining, id);
        }
    }

    @Test
    void n23SndNrHasTheLinkAddressManIdVerDevAndCi8C() throws DecodeException {
        byte[] sent = HEX.parseHex(TestVectors.byId("oms-n2.3-snd-nr-frame").at("/expected/frame").asText());
        WirelessFrame frame = WirelessFrame.decode(sent, WirelessFrameFormat.A);
        assertEquals(LinkFunction.SND_NR, frame.c().wirelessFunction().orElseThrow());
        assertEquals("12345678", frame.address().identificationNumber());
        assertEquals("ELS", frame.address().manufacturer().letters());
        assertEquals(0x33, frame.address().version());
        assertEquals(0x03, frame.address().deviceType().code());
        assertEquals(0x8C, frame.ci());
        assertEquals(0x43 - 9, frame.linkDataLength());
    }

    @Test
    void formatBCountsTheCrcsInLAndShareOneCrcOverBlocks1And2() throws DecodeException {
        byte[] plain = HEX.parseHex(TestVectors.byId("oms-n8-rsp-ud-apperr-frame").at("/inputs/link_data_without_crc").asText());
        WirelessFrame frame = WirelessFrame.decodeWithoutCrcs(plain, 0, plain.length);
        byte[] b = frame.encode(WirelessFrameFormat.B);
        assertEquals(plain.length + 2, b.length);
        assertEquals(plain.length + 1, b[0] & 0xFF, "L counts the 2 CRC bytes");
        assertEquals(Crc16.of(b, 0, b.length - 2), ((b[b.length - 2] & 0xFF) << 8) | (b[b.length - 1] & 0xFF));
        assertEquals(frame, WirelessFrame.decode(b, WirelessFrameFormat.B));
    }

    @Test
    void formatBLongFrameHasBlock3WithItsOwnCrcAfter126Bytes() throws DecodeException {
        byte[] linkData = new byte[200];
        new Random(4).nextBytes(linkData);
        WirelessFrame frame = new WirelessFrame(LinkFunction.SND_NR.cField(), shortId(), linkData);
        byte[] b = frame.encode(WirelessFrameFormat.B);
        int n = 10 + 200;
        assertEquals(n + 4, b.length);
        assertEquals(n + 3, b[0] & 0xFF);
        assertTrue(Crc16.matches(b, 0, 126));
        assertTrue(Crc16.matches(b, 128, n - 126));
        assertEquals(frame, WirelessFrame.decode(b, WirelessFrameFormat.B));
    }

    @Test
    void randomWirelessFramesRoundTripInFormatsAAndB() throws DecodeException {
        Random random = new Random(137574);
        for (int length = 1; length <= WirelessFrame.MAX_LINK_DATA; length++) {
            for (int k = 0; k < 3; k++) {
                byte[] linkData = new byte[length];
                random.nextBytes(linkData);
                byte[] address = new byte[8];
                random.nextBytes(address);
                WirelessFrame frame = new WirelessFrame(CField.of(random.nextInt(256)), ShortId.fromLinkAddress(address, 0), linkData);
                byte[] a = frame.encode(WirelessFrameFormat.A);
                assertEquals(WirelessFrameFormat.A.frameLength(a[0] & 0xFF), a.length);
                assertEquals(frame, WirelessFrame.decode(a, WirelessFrameFormat.A));
                assertEquals(frame, WirelessFrame.decodeWithoutCrcs(frame.encodeWithoutCrcs(), 0, length + 10));
                if (length <= 242) {
                    byte[] b = frame.encode(WirelessFrameFormat.B);
                    assertEquals(WirelessFrameFormat.B.frameLength(b[0] & 0xFF), b.length);
                    assertEquals(frame, WirelessFrame.decode(b, WirelessFrameFormat.B));
                } else {
                    assertThrows(IllegalArgumentException.class, () -> frame.encode(WirelessFrameFormat.B));
                }
            }
        }
    }

    @Test
    void badCrcInBlockNIsReportedAtThatBlocksFirstByte() throws DecodeException {
        byte[] sent = HEX.parseHex(TestVectors.byId("oms-n2.3-snd-nr-frame").at("/expected/frame").asText());
        // format A: block 1 at 0, block n ≥ 2 at 12 + 18 (n - 2)
        int[] blockStarts = {0, 12, 30, 48, 66};
        for (int block = 0; block < blockStarts.length; block++) {
            byte[] bad = sent.clone();
            bad[blockStarts[block] + 1] ^= 0x01;
            if (block == 0) {
                bad[1] ^= 0x03; // keep L intact: damage C
            }
            DecodeException e = assertThrows(DecodeException.class, () -> WirelessFrame.decode(bad, WirelessFrameFormat.A));
            assertEquals(Reason.BAD_CRC, e.reason());
            assertEquals(blockStarts[block], e.offset(), "block " + (block + 1));
        }
        // a damaged CRC byte itself
        byte[] badCrc = sent.clone();
        badCrc[sent.length - 1] ^= 0x40;
        DecodeException e = assertThrows(DecodeException.class, () -> WirelessFrameFormat.A.removeCrcs(badCrc, 0, badCrc.length));
        assertEquals(Reason.BAD_CRC, e.reason());
        assertEquals(66, e.offset());
    }

    @Test
    void badCrcInFormatBIsReportedAtTheStartOfTheBytesItCovers() {
        byte[] linkData = new byte[200];
        WirelessFrame frame = new WirelessFrame(LinkFunction.SND_NR.cField(), shortId(), linkData);
        byte[] b = frame.encode(WirelessFrameFormat.B);
        byte[] bad2 = b.clone();
        bad2[50] ^= 1;
        DecodeException e2 = assertThrows(DecodeException.class, () -> WirelessFrame.decode(bad2, WirelessFrameFormat.B));
        assertEquals(Reason.BAD_CRC, e2.reason());
        assertEquals(0, e2.offset());
        byte[] bad3 = b.clone();
        bad3[150] ^= 1;
        DecodeException e3 = assertThrows(DecodeException.class, () -> WirelessFrame.decode(bad3, WirelessFrameFormat.B));
        assertEquals(Reason.BAD_CRC, e3.reason());
        assertEquals(128, e3.offset());
    }

    @Test
    void truncatedAndOverlongFramesAreTruncatedOrBadLength() {
        byte[] sent = HEX.parseHex(TestVectors.byId("oms-n2.4-req-ud2-frame").at("/expected/frame").asText());
        for (int n = 0; n < sent.length; n++) {
            int len = n;
            DecodeException e = assertThrows(DecodeException.class, () -> WirelessFrame.decode(sent, 0, len, WirelessFrameFormat.A));
            assertEquals(Reason.TRUNCATED, e.reason(), "length " + n);
            assertEquals(n, e.offset());
        }
        byte[] longer = new byte[sent.length + 1];
        System.arraycopy(sent, 0, longer, 0, sent.length);
        DecodeException e = assertThrows(DecodeException.class, () -> WirelessFrame.decode(longer, WirelessFrameFormat.A));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(sent.length, e.offset());
    }

    @Test
    void impossibleLFieldsAreBadLengthAtOffset0() {
        for (int l : new int[] {0, 9}) {
            assertEquals(Reason.BAD_LENGTH, assertThrows(DecodeException.class, () -> WirelessFrameFormat.A.frameLength(l)).reason());
        }
        // format B: L ≥ 12; 128 and 129 would give block 3 no data
        for (int l : new int[] {11, 128, 129}) {
            DecodeException e = assertThrows(DecodeException.class, () -> WirelessFrameFormat.B.frameLength(l));
            assertEquals(Reason.BAD_LENGTH, e.reason());
            assertEquals(0, e.offset());
        }
        byte[] l5 = HEX.parseHex("05440000000000000000");
        DecodeException e = assertThrows(DecodeException.class, () -> WirelessFrame.decodeWithoutCrcs(l5, 0, l5.length));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void formatLengthsFollowTheBlockLayout() throws DecodeException {
        // A: L = 10 → block 1 (10) + CRC + block 2 (1) + CRC
        assertEquals(15, WirelessFrameFormat.A.frameLength(10));
        // A: L = 25 → 10 + 16 bytes: exactly two blocks
        assertEquals(26 + 4, WirelessFrameFormat.A.frameLength(25));
        assertEquals(27 + 6, WirelessFrameFormat.A.frameLength(26));
        // B: L counts everything after it
        assertEquals(13, WirelessFrameFormat.B.frameLength(12));
        assertEquals(128, WirelessFrameFormat.B.frameLength(127));
        assertEquals(131, WirelessFrameFormat.B.frameLength(130));
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButDecodeException() {
        Random random = new Random(868);
        for (int i = 0; i < 20000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            for (WirelessFrameFormat format : WirelessFrameFormat.values()) {
                try {
                    WirelessFrame.decode(bytes, format);
                } catch (DecodeException e) {
                    assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e.toString());
                }
            }
            try {
                WirelessFrame.decodeWithoutCrcs(bytes, 0, bytes.length);
            } catch (DecodeException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e.toString());
            }
        }
    }

    @Test
    void linkDataIsCopiedInAndOut() {
        byte[] linkData = {0x7A, 1, 2};
        WirelessFrame frame = new WirelessFrame(CField.of(0x44), shortId(), linkData);
        linkData[1] = 9;
        assertEquals(1, frame.linkDataByte(1));
        frame.linkData()[1] = 9;
        assertEquals(1, frame.linkDataByte(1));
        assertEquals(0x7A, frame.ci());
        assertThrows(IllegalArgumentException.class, () -> new WirelessFrame(CField.of(0x44), shortId(), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new WirelessFrame(CField.of(0x44), shortId(), new byte[247]));
    }

    private static ShortId shortId() {
        try {
            return ShortId.fromLinkAddress(HEX.parseHex("B438896745234203"), 0);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
