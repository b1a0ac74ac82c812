package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSObject;
import org.p2gate.cosem.ClientKind;
import org.p2gate.master.P2Master;

/**
 * Clock 0-0:1.0.0.255 (class 8): the master's time in UTC (time zone 0, status OK). Read-only: the
 * gateway's clock is set by its operating system, and the master follows it.
 */
final class ClockObject implements CosemObject {

    private static final int TIME = 2;
    private static final int TIME_ZONE = 3;
    private static final int STATUS = 4;

    private final P2Master master;
    private final GXDLMSClock clock = new GXDLMSClock(Obis.CLOCK);

    ClockObject(P2Master master) {
        this.master = master;
    }

    @Override
    public GXDLMSObject object() {
        return clock;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return CosemObject.readOnly(kind == ClientKind.MANAGEMENT || index <= TIME);
    }

    @Override
    public void read(ValueEventArgs e) {
        switch (e.getIndex()) {
            case TIME -> ProfileObject.answer(e, new Axdr().octetString(CosemDateTime.encode(master.now())).bytes());
            case TIME_ZONE -> ProfileObject.answer(e, new byte[] {0x10, 0x00, 0x00}); // long 0: UTC
            case STATUS -> ProfileObject.answer(e, new Axdr().unsigned(0).bytes());
            default -> { } // Gurux's defaults: no daylight saving
        }
    }
}
