package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.p2gate.cosem.ClientKind;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.P2Master;

/** A read-only class 1 data object of a channel whose value (an octet-string) is text from the channel's state. */
final class ChannelDataObject implements CosemObject {

    private final P2Master master;
    private final Channel channel;
    private final GXDLMSData data;
    private final Function<ChannelState, String> value;

    private ChannelDataObject(P2Master master, Channel channel, String obis, Function<ChannelState, String> value) {
        this.master = master;
        this.channel = channel;
        this.data = new GXDLMSData(obis);
        this.value = value;
    }

    /** Equipment identifier 0-x:96.1.0.255 (P2 4.2.2 §6.4.1: 17 characters, read from the device), empty until read. */
    static ChannelDataObject equipmentIdentifier(P2Master master, Channel channel) {
        return new ChannelDataObject(master, channel, Obis.equipmentIdentifier(channel),
                state -> state.equipmentIdentifier().orElse(""));
    }

    /**
     * The firmware and hardware versions of the channel's device, 0-x:0.2.0.255 (issue 15 item 15). P2 4.2.2 §6.4.2:
     * "The P2 interface must support remote reading of firmware and hardware versions"; the E-meter reads them at
     * installation (§8.1) but P3 4.2.2 names no object for them. IEC 62056-6-1 gives C = 0, D = 2 to firmware
     * identifiers (0.2.0: active firmware identifier) and B = x is the channel, as for the other channel objects. The
     * value is every property read (§6.4.2 "name=value", each ended by CR LF), named after its VIFE: model (0Ch),
     * hardware (0Dh), metrology-firmware (0Eh), firmware (0Fh) — e.g. "hardware.met=PCBx1.x2"; empty until read.
     */
    static ChannelDataObject versions(P2Master master, Channel channel) {
        return new ChannelDataObject(master, channel, Obis.versions(channel), state -> {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, String> p : new TreeMap<>(state.versionProperties()).entrySet()) {
                text.append(p.getKey()).append('=').append(p.getValue()).append("\r\n"); // §6.4.2: CR/LF after each
            }
            return text.toString();
        });
    }

    @Override
    public GXDLMSObject object() {
        return data;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return AccessMode.READ;
    }

    @Override
    public void read(ValueEventArgs e) {
        if (e.getIndex() == 2) {
            String text = value.apply(master.channel(channel));
            ProfileObject.answer(e, new Axdr().octetString(text.getBytes(StandardCharsets.UTF_8)).bytes());
        }
    }
}
