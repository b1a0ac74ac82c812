package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSObject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.p2gate.cosem.image.ImageTransfer;
import org.p2gate.cosem.ClientKind;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.installation.Installation;
import org.p2gate.master.Channel;
import org.p2gate.master.P2Master;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logical device of the M-Bus master: clock, M-Bus master port setup, M-Bus event log and event code,
 * and per channel 1..4 the M-Bus Client Setup, master value, profile and equipment identifier. Every call
 * goes to the object it names; an object of another bundle (the server's associations) is not this one's
 * to grant.
 */
public final class MasterDevice implements CosemDevice {

    private static final Logger LOG = LoggerFactory.getLogger(MasterDevice.class);

    private final Map<GXDLMSObject, CosemObject> byObject = new IdentityHashMap<>();
    private final List<GXDLMSObject> objects = new ArrayList<>();

    public MasterDevice(P2Master master, Installation installation) {
        this(master, installation, Optional.empty());
    }

    /** With the Image Transfer object (Blue Book class 18, 0-0:44.0.0.255) of the gateway's firmware. */
    public MasterDevice(P2Master master, Installation installation, ImageTransfer imageTransfer) {
        this(master, installation, Optional.of(imageTransfer));
    }

    private MasterDevice(P2Master master, Installation installation, Optional<ImageTransfer> imageTransfer) {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(installation, "installation");
        ClockObject clock = new ClockObject(master);
        EventCodeObject eventCode = new EventCodeObject(master);
        add(clock);
        add(new PortSetupObject());
        add(eventCode);
        add(new EventLogObject(master, clock, eventCode));
        for (Channel channel : Channel.ALL) {
            MasterValueObject value = new MasterValueObject(master, channel);
            add(new ClientSetupObject(master, installation, channel));
            add(value);
            add(new MBusProfileObject(master, channel, clock, value));
            add(ChannelDataObject.equipmentIdentifier(master, channel));
            add(ChannelDataObject.versions(master, channel));
        }
        imageTransfer.ifPresent(transfer -> add(new ImageTransferObject(transfer)));
    }

    private void add(CosemObject object) {
        byObject.put(object.object(), object);
        objects.add(object.object());
    }

    @Override
    public List<GXDLMSObject> objects() {
        return List.copyOf(objects);
    }

    @Override
    public AccessMode attributeAccess(ClientKind kind, GXDLMSObject object, int index) {
        CosemObject o = byObject.get(object);
        return o == null || index < 1 ? AccessMode.NO_ACCESS : o.access(kind, index);
    }

    @Override
    public MethodAccessMode methodAccess(ClientKind kind, GXDLMSObject object, int index) {
        CosemObject o = byObject.get(object);
        return o == null ? MethodAccessMode.NO_ACCESS : o.methodAccess(kind, index);
    }

    @Override
    public void read(ValueEventArgs e) {
        dispatch(e, "read").ifPresent(o -> o.read(e));
    }

    @Override
    public void write(ValueEventArgs e) {
        dispatch(e, "write").ifPresent(o -> o.write(e));
    }

    @Override
    public void action(ValueEventArgs e) {
        dispatch(e, "action").ifPresent(o -> o.action(e));
    }

    private java.util.Optional<CosemObject> dispatch(ValueEventArgs e, String what) {
        CosemObject o = byObject.get(e.getTarget());
        if (o == null) {
            LOG.warn("P3 {} of {}: not an object of the M-Bus master", what, e.getTarget() == null ? "nothing"
                    : e.getTarget().getLogicalName());
            e.setError(ErrorCode.UNDEFINED_OBJECT);
            e.setHandled(true);
        }
        return java.util.Optional.ofNullable(o);
    }
}
