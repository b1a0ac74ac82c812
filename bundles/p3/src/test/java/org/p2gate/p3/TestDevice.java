package org.p2gate.p3;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSMBusClient;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSRegister;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.p2gate.cosem.ClientKind;
import org.p2gate.cosem.CosemDevice;

/**
 * A small logical device for the tests: an equipment identifier both clients read, a register and a
 * writable Data object only the management client may use, and an M-Bus client setup whose
 * slave_install (method 1) only the management client may invoke. It records what reached it and
 * whether two calls ever overlapped (the server must serialise them).
 */
final class TestDevice implements CosemDevice {

    static final String EQUIPMENT_ID = "0.0.96.1.0.255";
    static final String REGISTER = "0.1.24.2.1.255";
    static final String SETTING = "0.0.96.99.0.255";
    static final String CLIENT_SETUP = "0.1.24.1.0.255";

    final GXDLMSData equipmentId = new GXDLMSData(EQUIPMENT_ID);
    final GXDLMSRegister register = new GXDLMSRegister(REGISTER);
    final GXDLMSData setting = new GXDLMSData(SETTING);
    final GXDLMSMBusClient clientSetup = new GXDLMSMBusClient(CLIENT_SETUP);

    final AtomicLong reads = new AtomicLong();
    final List<Object> writes = new CopyOnWriteArrayList<>();
    final List<Integer> actions = new CopyOnWriteArrayList<>();
    final AtomicInteger inside = new AtomicInteger();
    volatile boolean overlapped;

    TestDevice() {
        equipmentId.setValue("E0051004012345614".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        equipmentId.setDataType(2, DataType.OCTET_STRING);
        register.setValue(1234L);
        register.setDataType(2, DataType.UINT32);
        setting.setValue(7L);
        setting.setDataType(2, DataType.UINT32);
        clientSetup.setIdentificationNumber(12345678);
    }

    @Override
    public List<GXDLMSObject> objects() {
        return List.of(equipmentId, register, setting, clientSetup);
    }

    @Override
    public AccessMode attributeAccess(ClientKind kind, GXDLMSObject object, int index) {
        enter();
        try {
            if (object == equipmentId) {
                return AccessMode.READ;
            }
            if (kind == ClientKind.PUBLIC) {
                // the public client sees the client setup's logical name only
                return object == clientSetup && index == 1 ? AccessMode.READ : AccessMode.NO_ACCESS;
            }
            return object == setting && index == 2 ? AccessMode.READ_WRITE : AccessMode.READ;
        } finally {
            leave();
        }
    }

    @Override
    public MethodAccessMode methodAccess(ClientKind kind, GXDLMSObject object, int index) {
        enter();
        try {
            return kind == ClientKind.MANAGEMENT && object == clientSetup && index == 1 ? MethodAccessMode.ACCESS
                    : MethodAccessMode.NO_ACCESS;
        } finally {
            leave();
        }
    }

    @Override
    public void read(ValueEventArgs e) {
        enter();
        try {
            reads.incrementAndGet();
        } finally {
            leave();
        }
    }

    @Override
    public void write(ValueEventArgs e) {
        enter();
        try {
            writes.add(e.getValue());
            setting.setValue(e.getValue());
            e.setHandled(true);
        } finally {
            leave();
        }
    }

    @Override
    public void action(ValueEventArgs e) {
        enter();
        try {
            actions.add(e.getIndex());
            if (!(e.getParameters() instanceof Number)) {
                e.setError(ErrorCode.INCONSISTENT_CLASS);
            }
            e.setHandled(true);
        } finally {
            leave();
        }
    }

    private void enter() {
        if (inside.incrementAndGet() > 1) {
            overlapped = true;
        }
    }

    private void leave() {
        inside.decrementAndGet();
    }
}
