package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.GXDLMSObject;
import java.util.Optional;
import org.p2gate.cosem.ClientKind;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.P2Master;

/**
 * M-Bus master value 0-x:24.2.1.255 (extended register, class 4): the channel's newest hourly value,
 * its scaler_unit from the VIF, the status that came with it and the device's capture time. Every
 * attribute is answered here: Gurux keeps a scaler as a double (DESIGN: never through double).
 */
final class MasterValueObject implements CosemObject {

    private static final int VALUE = 2;
    private static final int SCALER_UNIT = 3;
    private static final int STATUS = 4;
    private static final int CAPTURE_TIME = 5;
    /** IEC 62056-6-2 unit 255: "unitless", for a channel with no value yet. */
    private static final int UNITLESS = 255;
    private static final byte[] ZERO = new Axdr().doubleLongUnsigned(0).bytes();

    private final P2Master master;
    private final Channel channel;
    private final GXDLMSExtendedRegister register;

    MasterValueObject(P2Master master, Channel channel) {
        this.master = master;
        this.channel = channel;
        register = new GXDLMSExtendedRegister(Obis.masterValue(channel));
    }

    @Override
    public GXDLMSObject object() {
        return register;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return CosemObject.readOnly(kind == ClientKind.MANAGEMENT || index == 1);
    }

    @Override
    public void read(ValueEventArgs e) {
        // README "Actual values": the value object shows the newest value the device sent, hourly or actual (P2 §6.1),
        // with its own capture time; only hourly values go into the profile 0-x:24.3.0.255
        ChannelState state = master.channel(channel);
        Optional<HourlyValue> value = state.lastActualValue()
                .filter(a -> state.lastHourlyValue().filter(h -> !a.captureTime().isAfter(h.captureTime())).isEmpty())
                .or(state::lastHourlyValue);
        switch (e.getIndex()) {
            // no value yet: 0 with capture_time "not specified", as head-end tools expect a number here
            case VALUE -> ProfileObject.answer(e, value.map(HourlyCells::value).orElse(ZERO));
            case SCALER_UNIT -> ProfileObject.answer(e, new Axdr().structure(2).integer(value.map(HourlyValue::scaler).orElse(0))
                    .enumeration(value.map(HourlyValue::cosemUnit).orElse(UNITLESS)).bytes());
            case STATUS -> ProfileObject.answer(e, new Axdr().unsigned(value.map(HourlyValue::status).orElse(0)).bytes());
            case CAPTURE_TIME -> ProfileObject.answer(e, value.map(HourlyCells::time)
                    .orElse(new Axdr().octetString(CosemDateTime.NOT_SPECIFIED).bytes()));
            default -> { } // logical name: Gurux's
        }
    }
}
