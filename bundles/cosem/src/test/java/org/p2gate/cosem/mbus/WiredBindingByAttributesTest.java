package org.p2gate.cosem.mbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gurux.dlms.enums.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.simulator.wired.DsmrGasMeter;

/**
 * Issue 15 item 6, P2 4.2.2 §8.3.1.1: the head-end binds a wired device by writing "primary_address and Short ID
 * attributes" of the M-Bus Client Setup object. Only the device with the written identity is bound, whatever the
 * order of the writes; the device at the address being another one is refused (DLMS error when it is known at the
 * write, else the binding is undone once it is read) with a log line.
 */
class WiredBindingByAttributesTest {

    private static final String CH1 = "0.1.24.1.0.255";
    /** The Appendix B meter: 23456789 NET v42h gas. */
    private static final ShortId APPENDIX_B = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    private static final ShortId OTHER = ShortId.of(12345678, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);

    private static Harness withMeterAt7() {
        return withMeterAt7(false);
    }

    private static Harness withMeterAt7(boolean radio) {
        Harness h = new Harness(radio);
        h.bus.attach(DsmrGasMeter.appendixB(Harness.START).defaultKey(Harness.DEFAULT_KEY).primaryAddress(7).build());
        return h;
    }

    private static ErrorCode writeShortId(Harness h, ShortId id) {
        h.write(CH1, 6, Long.parseLong(id.identificationNumber(), 16));
        h.write(CH1, 7, id.manufacturer().code());
        h.write(CH1, 8, (short) id.version());
        return h.write(CH1, 9, (short) id.deviceType().code()).getError();
    }

    private static void settle(Harness h) {
        h.time.advance(java.time.Duration.ofSeconds(30));
    }

    @Test
    void p2_8_3_1_1_shortIdThenPrimaryAddressBindsTheNamedDevice() {
        Harness h = withMeterAt7();
        writeShortId(h, APPENDIX_B);
        assertEquals(ErrorCode.OK, h.write(CH1, 5, (short) 7).getError());
        settle(h);
        assertEquals(Optional.of(new Binding.Wired(7)), h.master.channel(Channel.of(1)).binding());
        assertEquals(Optional.of(APPENDIX_B), h.master.channel(Channel.of(1)).device());
    }

    @Test
    void p2_8_3_1_1_shortIdThenPrimaryAddressOfAnotherDeviceLeavesTheChannelFree() {
        Harness h = withMeterAt7();
        writeShortId(h, OTHER);
        h.write(CH1, 5, (short) 7);
        settle(h);
        assertEquals(Optional.empty(), h.master.channel(Channel.of(1)).binding(), "the device at 7 is not " + OTHER);
    }

    @Test
    void p2_8_3_1_1_primaryAddressThenTheShortIdOfAnotherDeviceIsRefusedAndFreesTheChannel() {
        Harness h = withMeterAt7();
        assertEquals(ErrorCode.OK, h.write(CH1, 5, (short) 7).getError());
        settle(h); // the installation tasks read the device
        assertEquals(Optional.of(APPENDIX_B), h.master.channel(Channel.of(1)).device());

        assertEquals(ErrorCode.READ_WRITE_DENIED, writeShortId(h, OTHER));
        settle(h);
        assertEquals(Optional.empty(), h.master.channel(Channel.of(1)).binding());
    }

    @Test
    void p2_8_3_1_1_primaryAddressThenTheRightShortIdKeepsTheBinding() {
        Harness h = withMeterAt7();
        h.write(CH1, 5, (short) 7);
        settle(h);
        assertEquals(ErrorCode.OK, writeShortId(h, APPENDIX_B));
        settle(h);
        assertEquals(Optional.of(new Binding.Wired(7)), h.master.channel(Channel.of(1)).binding());
    }

    @Test
    void p2_8_3_1_1_aShortIdWrittenBeforeTheDeviceWasReadIsCheckedByReadingIt() {
        Harness h = withMeterAt7();
        h.write(CH1, 5, (short) 7);
        h.write(CH1, 6, Long.parseLong(OTHER.identificationNumber(), 16)); // at once: the device is not read yet
        h.write(CH1, 7, OTHER.manufacturer().code());
        h.write(CH1, 8, (short) OTHER.version());
        h.write(CH1, 9, (short) OTHER.deviceType().code());
        settle(h);
        assertEquals(Optional.empty(), h.master.channel(Channel.of(1)).binding());
    }

    @Test
    void p2_8_3_1_1_onAGatewayWithARadioTheShortIdFirstThenThePrimaryAddressOfAnotherDeviceLeavesTheChannelFree() {
        Harness h = withMeterAt7(true);
        writeShortId(h, OTHER);
        settle(h); // registered as a wireless device meanwhile (P2 §8.4.2.3), never heard
        assertEquals(Optional.of(new Binding.Wireless(OTHER)), h.master.channel(Channel.of(1)).binding());
        h.write(CH1, 5, (short) 7);
        settle(h);
        assertEquals(Optional.empty(), h.master.channel(Channel.of(1)).binding(), "the device at 7 is not " + OTHER);

        writeShortId(h, APPENDIX_B);
        settle(h);
        h.write(CH1, 5, (short) 7);
        settle(h);
        assertEquals(Optional.of(new Binding.Wired(7)), h.master.channel(Channel.of(1)).binding());
        assertEquals(Optional.of(APPENDIX_B), h.master.channel(Channel.of(1)).device());
    }
}
