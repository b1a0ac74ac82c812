package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSObject;
import java.util.List;
import org.p2gate.cosem.ClientKind;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.P2Master;

/** M-Bus event code 0-0:96.11.3.255 (class 1): the code of the newest M-Bus event, 0 before any. */
final class EventCodeObject implements CosemObject {

    private final P2Master master;
    private final GXDLMSData data = new GXDLMSData(Obis.MBUS_EVENT_CODE);

    EventCodeObject(P2Master master) {
        this.master = master;
    }

    @Override
    public GXDLMSObject object() {
        return data;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return CosemObject.readOnly(kind == ClientKind.MANAGEMENT || index == 1);
    }

    @Override
    public void read(ValueEventArgs e) {
        if (e.getIndex() == 2) {
            List<MBusEvent> newest = master.events(1);
            ProfileObject.answer(e, new Axdr().unsigned(newest.isEmpty() ? 0 : newest.get(0).code()).bytes());
        }
    }
}
