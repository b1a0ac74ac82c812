package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.objects.GXDLMSMBusMasterPortSetup;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.enums.BaudRate;
import org.p2gate.cosem.ClientKind;

/** M-Bus master port setup 0-0:24.6.0.255 (class 74): DSMR fixes the wired M-Bus at 2400 baud (P2 4.2.2 §3.1). */
final class PortSetupObject implements CosemObject {

    private final GXDLMSMBusMasterPortSetup port = new GXDLMSMBusMasterPortSetup(Obis.MBUS_MASTER_PORT_SETUP);

    PortSetupObject() {
        port.setCommSpeed(BaudRate.BAUDRATE_2400);
    }

    @Override
    public GXDLMSObject object() {
        return port;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return CosemObject.readOnly(kind == ClientKind.MANAGEMENT || index == 1);
    }

    @Override
    public void read(ValueEventArgs e) {
        // fixed: Gurux encodes the logical name and comm_speed
    }
}
