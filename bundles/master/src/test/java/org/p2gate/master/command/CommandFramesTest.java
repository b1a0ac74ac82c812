package org.p2gate.master.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.ClockSynchronisation;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/** The SND_UD user data against P2 4.2.2 Appendix B. */
class CommandFramesTest {

    private static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    private static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    private static final ShortId DEVICE = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);

    /** B1.1 (vector dsmr-b1.1-key-transfer-records): 07 FD 19 + 03E0EED1F68E9B8F, 47 FD 19 + 5E1372754AB79F27. */
    @Test
    void keyTransferRecordsAreThoseOfAppendixB11() {
        byte[] data = CommandFrames.keyTransfer(KeyWrap.wrap(DEFAULT_KEY, USER_KEY));
        assertArrayEquals(HexFormat.of().parseHex("07FD1903E0EED1F68E9B8F47FD195E1372754AB79F27"), data);
    }

    /** §4.3.4, §6.2.1: the encrypted clock message decrypts with the device's Short ID in the IV to 2F 2F 00 time. */
    @Test
    void anEncryptedClockSynchronisationDecryptsToTcZeroAndTheTime() throws Exception {
        LocalDateTime utc = LocalDateTime.of(2013, 7, 16, 13, 0);
        byte[] data = CommandFrames.clockSynchronisation(7, DEVICE, utc, Optional.of(USER_KEY), 42);
        byte[] frame = new LongFrame(LinkFunction.SND_UD.cField(), 5, CommandFrames.CI_CLOCK, data).encode();

        Message m = new MessageDecoder(KeyLookup.always(USER_KEY)).decodeWired(frame, 0, frame.length);

        assertEquals(15, m.security().mode());
        assertEquals(42, m.security().counter().getAsLong());
        assertEquals(Optional.of(DEVICE), m.device(), "the target's Short ID in the long header");
        assertEquals(utc, ClockSynchronisation.decode(m.applicationData(), 0, 16).utc());
    }

    @Test
    void aClearControlMessageCarriesTheRecordsWithConfigurationWordZero() throws Exception {
        byte[] data = CommandFrames.control(3, List.of(DsmrRecords.clearStatus(0x73)), Optional.empty(), DEVICE, 0);
        // short header: ACC 03, status 00, CW 00 00; then 01 FD 97 06 73 (§6.2.3)
        assertArrayEquals(HexFormat.of().parseHex("03000000" + "01FD970673"), data);
    }
}
