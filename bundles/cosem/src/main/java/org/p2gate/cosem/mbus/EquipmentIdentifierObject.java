package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSObject;
import java.nio.charset.StandardCharsets;
import org.p2gate.cosem.ClientKind;
import org.p2gate.master.Channel;
import org.p2gate.master.P2Master;

/** Equipment identifier 0-x:96.1.0.255 (class 1; P2 4.2.2 §6.4.1: 17 characters, read from the device), empty until read. */
final class EquipmentIdentifierObject implements CosemObject {

    private final P2Master master;
    private final Channel channel;
    private final GXDLMSData data;

    EquipmentIdentifierObject(P2Master master, Channel channel) {
        this.master = master;
        this.channel = channel;
        data = new GXDLMSData(Obis.equipmentIdentifier(channel));
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
            String id = master.channel(channel).equipmentIdentifier().orElse("");
            ProfileObject.answer(e, new Axdr().octetString(id.getBytes(StandardCharsets.US_ASCII)).bytes());
        }
    }
}
