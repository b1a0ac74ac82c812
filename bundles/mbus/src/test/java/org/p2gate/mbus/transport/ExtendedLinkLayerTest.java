package org.p2gate.mbus.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

class ExtendedLinkLayerTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void omsN23ShortEllIsCcAndAcc() throws DecodeException {
        // OMS Annex N N.2.3: 8C 20 75 (CC synchronous, ELL access number 75h)
        ExtendedLinkLayer ell = ExtendedLinkLayer.decode(HEX.parseHex("8C2075"), 0);
        assertEquals(0x20, ell.communicationControl());
        assertTrue(ell.synchronous());
        assertFalse(ell.bidirectional());
        assertEquals(0x75, ell.accessNumber());
        assertTrue(ell.receiver().isEmpty());
        assertEquals(CiField.ELL_SHORT, ell.ci());
        assertEquals("8C2075", HEX.formatHex(ell.encode()));
    }

    @Test
    void omsN24LongEllAddsTheReceiverInLinkAddressOrder() throws DecodeException {
        // OMS Annex N N.2.4 RSP-UD: 8E 80 75 | 3A 63 | 66 55 44 33 0A 31 (gateway 33445566, XYZ, v10, COM)
        byte[] bytes = HEX.parseHex("8E80753A63665544330A31");
        ExtendedLinkLayer ell = ExtendedLinkLayer.decode(bytes, 0);
        assertTrue(ell.bidirectional());
        ShortId receiver = ell.receiver().orElseThrow();
        assertEquals("XYZ", receiver.manufacturer().letters());
        assertEquals("33445566", receiver.identificationNumber());
        assertEquals(0x0A, receiver.version());
        assertEquals(0x31, receiver.deviceType().code());
        assertArrayEquals(bytes, ell.encode());
    }

    @Test
    void randomEllsRoundTrip() throws DecodeException {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            Optional<ShortId> receiver = random.nextBoolean() ? Optional.empty()
                    : Optional.of(new ShortId(random.nextInt(), new ManufacturerCode(random.nextInt(0x10000)),
                            random.nextInt(256), DeviceType.of(random.nextInt(256))));
            ExtendedLinkLayer ell = new ExtendedLinkLayer(random.nextInt(256), random.nextInt(256), receiver);
            assertEquals(ell, ExtendedLinkLayer.decode(ell.encode(), 0));
        }
    }

    @Test
    void aLongEllCutOffIsTruncatedAtTheEnd() {
        var e = assertThrows(DecodeException.class, () -> ExtendedLinkLayer.decode(HEX.parseHex("8E80753A6366"), 0));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(6, e.offset());
    }

    @Test
    void ellsWithLinkLayerEncryptionAreUnsupported() {
        var e = assertThrows(DecodeException.class, () -> ExtendedLinkLayer.decode(HEX.parseHex("8D2075000000000000"), 0));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertEquals(0, e.offset());
    }
}
