package org.p2gate.cosem.mbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.cosem.ClientKind;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.EncryptionKeyStatus;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.simulator.wired.DsmrGasMeter;
import org.p2gate.simulator.wired.DsmrMeter;

/** M-Bus Client Setup 0-x:24.1.0.255 (class 72 v1) on the master: attributes (P2 Appendix A), binding writes, methods. */
class ClientSetupObjectTest {

    private static final String CH1 = "0.1.24.1.0.255";
    private static final String CH2 = "0.2.24.1.0.255";

    private static DsmrMeter appendixB(int address) {
        return DsmrGasMeter.appendixB(Harness.START).defaultKey(Harness.DEFAULT_KEY).primaryAddress(address).build();
    }

    @Test
    void slaveInstallAnswersAtOnceAndBindsTheDeviceItFinds() {
        Harness h = new Harness();
        DsmrMeter meter = appendixB(0);
        h.bus.attach(meter);

        ValueEventArgs install = h.invoke(CH1, 1, (byte) 0);

        assertEquals(ErrorCode.OK, install.getError());
        assertTrue(install.getHandled());
        h.until(() -> h.master.channel(Channel.of(1)).device().isPresent());
        assertEquals(1, meter.primaryAddress(), "the unconfigured device got the lowest free address");
        assertEquals(1, ((Number) h.read(CH1, 5)).intValue());
    }

    @Test
    void theAttributesAreTheDevicesHeaderFields() {
        Harness h = new Harness();
        h.bus.attach(appendixB(7));
        h.await(h.master.bind(Channel.of(1), new Binding.Wired(7)));
        h.await(h.master.read(Channel.of(1)));

        assertEquals(7, ((Number) h.read(CH1, 5)).intValue(), "primary_address");
        assertEquals(0x23456789L, ((Number) h.read(CH1, 6)).longValue(), "identification_number: the BCD digits read as hex");
        assertEquals(0x38B4, ((Number) h.read(CH1, 7)).intValue(), "manufacturer_id NET (P2 Appendix B: 38B4h)");
        assertEquals(0x42, ((Number) h.read(CH1, 8)).intValue(), "version");
        assertEquals(3, ((Number) h.read(CH1, 9)).intValue(), "device_type gas");
        assertEquals(3600L, ((Number) h.read(CH1, 4)).longValue(), "capture_period");
        assertArrayEquals(new byte[] {0, 0, 24, 6, 0, (byte) 255}, (byte[]) h.read(CH1, 2), "mbus_port_reference 0-0:24.6.0.255");
        assertEquals(0, ((Number) h.read(CH1, 12)).intValue(), "alarm: none");
        assertEquals(EncryptionKeyStatus.NO_ENCRYPTION_KEY.cosemValue(), ((Number) h.read(CH1, 14)).intValue());
        List<?> definition = (List<?>) h.read(CH1, 3);
        assertEquals(2, definition.size(), "capture_definition: the gas hourly value, G4-G6 or G10-G25 (P2 §6.4.4)");
        List<?> element = (List<?>) definition.get(0);
        assertArrayEquals(new byte[] {0x4C}, (byte[]) element.get(0), "DIB: P2 §6.4.4 4Ch, storage number 1");
        assertArrayEquals(new byte[] {0x13}, (byte[]) element.get(1), "VIB: converted volume in litres");
        assertArrayEquals(new byte[] {0x14}, (byte[]) ((List<?>) definition.get(1)).get(1), "VIB: in 10 litres (G10-G25)");
    }

    @Test
    void transferKeyThenSetEncryptionKeyShowsProgressInEncryptionKeyStatus() {
        Harness h = new Harness();
        h.bus.attach(appendixB(7));
        h.await(h.master.bind(Channel.of(1), new Binding.Wired(7)));

        assertEquals(ErrorCode.OK, h.invoke(CH1, 8, KeyWrap.wrap(Harness.DEFAULT_KEY, Harness.USER_KEY)).getError());
        h.until(() -> h.master.channel(Channel.of(1)).keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_TRANSFERRED);
        assertEquals(2, ((Number) h.read(CH1, 14)).intValue(), "transferred");

        assertEquals(ErrorCode.OK, h.invoke(CH1, 7, java.util.HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F")).getError());
        h.until(() -> h.master.channel(Channel.of(1)).keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_SET_AND_TRANSFERRED);
        assertEquals(3, ((Number) h.read(CH1, 14)).intValue(), "set and transferred");

        assertEquals(ErrorCode.OK, h.invoke(CH1, 3, (byte) 0).getError(), "capture: read now");
        h.until(() -> h.master.channel(Channel.of(1)).keyStatus() == EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE);
        assertEquals(4, ((Number) h.read(CH1, 14)).intValue(), "in use: the device answered in mode 15 with the key");
    }

    @Test
    void keyMethodsWantSixteenBytesAndABoundChannel() {
        Harness h = new Harness();

        assertEquals(ErrorCode.UNMATCHED_TYPE, h.invoke(CH2, 8, new byte[15]).getError());
        assertEquals(ErrorCode.UNMATCHED_TYPE, h.invoke(CH2, 7, (byte) 0).getError());
        assertEquals(ErrorCode.UNAVAILABLE_OBJECT, h.invoke(CH2, 8, new byte[16]).getError());
        assertEquals(ErrorCode.UNAVAILABLE_OBJECT, h.invoke(CH2, 5, (byte) 0).getError(), "synchronize_clock without device");
    }

    @Test
    void slaveInstallOnABoundChannelIsRefused() {
        Harness h = new Harness();
        h.await(h.master.bind(Channel.of(1), new Binding.Wired(7)));

        assertEquals(ErrorCode.OTHER_REASON, h.invoke(CH1, 1, (byte) 0).getError());
    }

    @Test
    void writingThePrimaryAddressOfAFreeChannelBindsIt() {
        Harness h = new Harness();

        assertEquals(ErrorCode.OK, h.write(CH2, 5, (short) 17).getError());
        h.until(() -> h.master.channel(Channel.of(2)).binding().isPresent());

        assertEquals(Optional.of(new Binding.Wired(17)), h.master.channel(Channel.of(2)).binding());
        assertEquals(ErrorCode.OK, h.write(CH2, 5, (short) 17).getError(), "the same again: accepted");
        assertEquals(ErrorCode.READ_WRITE_DENIED, h.write(CH2, 5, (short) 18).getError(), "another: deinstall first");
        assertEquals(ErrorCode.UNMATCHED_TYPE, h.write("0.3.24.1.0.255", 5, (short) 251).getError());
    }

    @Test
    void writingTheFourShortIdAttributesRegistersAWirelessDevice() {
        Harness h = new Harness(true); // with a radio (without one, a Short ID names a wired device: P2 §8.3.1.1)
        ShortId id = ShortId.of(12345678, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);

        h.write(CH2, 6, 0x12345678L);
        h.write(CH2, 7, 0x38B4);
        h.write(CH2, 8, (short) 0x42);
        assertEquals(Optional.empty(), h.master.channel(Channel.of(2)).binding(), "three of four: not yet");
        assertEquals(0x12345678L, ((Number) h.read(CH2, 6)).longValue(), "what was written reads back");
        assertEquals(ErrorCode.OK, h.write(CH2, 9, (short) 3).getError());
        h.until(() -> h.master.channel(Channel.of(2)).binding().isPresent());

        assertEquals(Optional.of(new Binding.Wireless(id)), h.master.channel(Channel.of(2)).binding());
        assertEquals(ErrorCode.READ_WRITE_DENIED, h.write(CH2, 6, 0x87654321L).getError(), "bound: another device refused");
    }

    @Test
    void thePublicClientIdentifiesTheDeviceAndDoesNothingElse() {
        Harness h = new Harness();
        var setup = h.object(CH1);

        assertEquals(AccessMode.READ, h.device.attributeAccess(ClientKind.PUBLIC, setup, 6));
        assertEquals(AccessMode.NO_ACCESS, h.device.attributeAccess(ClientKind.PUBLIC, setup, 14));
        assertEquals(AccessMode.NO_ACCESS, h.device.attributeAccess(ClientKind.PUBLIC, h.object("0.1.24.2.1.255"), 2));
        for (int method = 1; method <= 8; method++) {
            assertEquals(MethodAccessMode.NO_ACCESS, h.device.methodAccess(ClientKind.PUBLIC, setup, method));
            assertEquals(MethodAccessMode.ACCESS, h.device.methodAccess(ClientKind.MANAGEMENT, setup, method));
        }
        assertEquals(AccessMode.READ_WRITE, h.device.attributeAccess(ClientKind.MANAGEMENT, setup, 5));
        assertEquals(AccessMode.READ, h.device.attributeAccess(ClientKind.MANAGEMENT, setup, 14));
    }

    @Test
    void dataSendSendsTheRecordsToTheDevice() {
        Harness h = new Harness();
        DsmrMeter meter = DsmrGasMeter.appendixB(Harness.START).defaultKey(Harness.DEFAULT_KEY).primaryAddress(7)
                .status(DsmrMeter.STATUS_TEMPORARY_ERROR).build();
        h.bus.attach(meter);
        h.await(h.master.bind(Channel.of(1), new Binding.Wired(7)));
        // P2 §6.2.3 clear status: DIF 01, VIF FD 97 (VIFE 06 in the DSMR record), data 73h
        List<Object> element = List.of(new byte[] {0x01}, new byte[] {(byte) 0xFD, (byte) 0x97, 0x06}, (short) 0x73);

        assertEquals(ErrorCode.OK, h.invoke(CH1, 6, List.of(element)).getError());
        h.until(() -> (meter.status() & DsmrMeter.STATUS_TEMPORARY_ERROR) == 0);

        assertEquals(ErrorCode.UNMATCHED_TYPE, h.invoke(CH1, 6, List.of(List.of(new byte[] {0x01}))).getError());
    }
}
