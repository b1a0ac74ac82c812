package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.testing.TestVectors;

class AuthenticationFragmentationLayerTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** OMS Annex N N.2.3: 90 0F | FCL 00 2C | MCL 25 | MCR B3 0A 00 00 | MAC 21 92 4D 4F 2F B6 6E 01. */
    private static final String N23_AFL = "900F002C25B30A000021924D4F2FB66E01";

    @Test
    void omsN23AflHasMclMcrAndAnEightByteCmac() throws DecodeException {
        String frame = TestVectors.byId("oms-n2.3-snd-nr-frame").at("/inputs/link_data_without_crc").asText();
        assertEquals(N23_AFL, frame.substring(26, 26 + N23_AFL.length()), "the AFL as it sits in the N.2.3 frame");
        AuthenticationFragmentationLayer afl = AuthenticationFragmentationLayer.decode(HEX.parseHex(N23_AFL), 0);
        assertEquals(0x2C00, afl.fragmentationControl());
        assertEquals(0, afl.fragmentId());
        assertFalse(afl.moreFragments());
        assertTrue(afl.startsMessage());
        assertEquals(OptionalInt.of(0x25), afl.messageControl());
        assertEquals(OptionalInt.of(AuthenticationFragmentationLayer.AT_CMAC_8), afl.authenticationType());
        assertEquals(OptionalLong.of(2739), afl.messageCounter(), "N.2.3: message counter C = 2739");
        String printedMac = TestVectors.byId("oms-n2.3-afl-mac").at("/expected/mac_truncated_8").asText();
        assertEquals(printedMac, HEX.formatHex(afl.mac()));
        assertTrue(afl.keyInformation().isEmpty());
        assertTrue(afl.messageLength().isEmpty());
        assertEquals(17, afl.length());
        assertEquals(N23_AFL, HEX.formatHex(afl.encode()));
        assertEquals(afl, AuthenticationFragmentationLayer.unfragmented(0x25, 2739, HEX.parseHex(printedMac)));
    }

    @Test
    void omsN33FirstFragmentHasMclMcrAndMessageLength() throws DecodeException {
        // OMS Annex N N.3.3 RSP-UD fragment 1: 90 09 | 01 78 | 65 | B3 0A 00 00 | 56 00 (ML = 86)
        AuthenticationFragmentationLayer afl = AuthenticationFragmentationLayer.decode(HEX.parseHex("900901786" + "5B30A00005600"), 0);
        assertEquals(1, afl.fragmentId());
        assertTrue(afl.moreFragments());
        assertTrue(afl.startsMessage());
        assertEquals(OptionalInt.of(86), afl.messageLength());
        assertEquals(0, afl.mac().length);
    }

    @Test
    void omsN35LastFragmentCarriesTheMacWithoutMcl() throws DecodeException {
        // OMS Annex N N.3.5 fragment 3: 90 0A | 03 04 (MACP) | BE 47 ED 4C 9C C1 1A 78
        AuthenticationFragmentationLayer afl = AuthenticationFragmentationLayer.decode(HEX.parseHex("900A0304BE47ED4C9CC11A78"), 0);
        assertEquals(3, afl.fragmentId());
        assertFalse(afl.startsMessage());
        assertEquals("BE47ED4C9CC11A78", HEX.formatHex(afl.mac()));
    }

    @Test
    void randomAflsRoundTrip() throws DecodeException {
        Random random = new Random(11);
        int[] macTypes = {5, 6, 7, 8};
        int[] macLengths = {8, 12, 16, 16};
        for (int i = 0; i < 1000; i++) {
            int fcl = random.nextInt(0x10000) & ~(0x8000 | 0x0100);
            OptionalInt mcl = OptionalInt.empty();
            byte[] mac = new byte[0];
            int type = random.nextInt(4);
            if ((fcl & AuthenticationFragmentationLayer.MCL_PRESENT) != 0) {
                mcl = OptionalInt.of((random.nextInt(8) << 4) | macTypes[type]);
            }
            if ((fcl & AuthenticationFragmentationLayer.MAC_PRESENT) != 0) {
                mac = new byte[mcl.isPresent() ? macLengths[type] : 8];
                random.nextBytes(mac);
            }
            var afl = new AuthenticationFragmentationLayer(fcl, mcl,
                    (fcl & AuthenticationFragmentationLayer.KI_PRESENT) != 0 ? OptionalInt.of(random.nextInt(0x10000)) : OptionalInt.empty(),
                    (fcl & AuthenticationFragmentationLayer.MCR_PRESENT) != 0 ? OptionalLong.of(random.nextInt() & 0xFFFF_FFFFL) : OptionalLong.empty(),
                    mac,
                    (fcl & AuthenticationFragmentationLayer.ML_PRESENT) != 0 ? OptionalInt.of(random.nextInt(0x10000)) : OptionalInt.empty());
            assertEquals(afl, AuthenticationFragmentationLayer.decode(afl.encode(), 0));
        }
    }

    @Test
    void anAflLengthBeyondTheBytesIsBadLengthAtTheLengthField() {
        byte[] bytes = HEX.parseHex(N23_AFL);
        bytes[1] = 0x20;
        var e = assertThrows(DecodeException.class, () -> AuthenticationFragmentationLayer.decode(bytes, 0));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(1, e.offset());
    }

    @Test
    void anAflLengthShorterThanItsAnnouncedFieldsIsBadLength() {
        byte[] bytes = HEX.parseHex(N23_AFL + "7A");
        bytes[1] = 0x0E;
        var e = assertThrows(DecodeException.class, () -> AuthenticationFragmentationLayer.decode(bytes, 0));
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertEquals(1, e.offset());
    }

    @Test
    void anAflLengthLongerThanItsAnnouncedFieldsIsBadLength() {
        byte[] bytes = HEX.parseHex(N23_AFL + "7A");
        bytes[1] = 0x10;
        var e = assertThrows(DecodeException.class, () -> AuthenticationFragmentationLayer.decode(bytes, 0));
        assertEquals(Reason.BAD_LENGTH, e.reason());
    }

    @Test
    void anUnknownAuthenticationTypeWithAMacIsUnsupported() {
        byte[] bytes = HEX.parseHex(N23_AFL);
        bytes[4] = 0x2F;
        var e = assertThrows(DecodeException.class, () -> AuthenticationFragmentationLayer.decode(bytes, 0));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertEquals(4, e.offset());
    }

    @Test
    void theMacIsCopiedInAndOut() {
        byte[] mac = new byte[8];
        var afl = AuthenticationFragmentationLayer.unfragmented(0x25, 1, mac);
        mac[0] = 1;
        afl.mac()[1] = 1;
        assertArrayEquals(new byte[8], afl.mac());
    }
}
