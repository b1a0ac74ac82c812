package org.p2gate.p3.server;

import gurux.dlms.GXDLMSConnectionEventArgs;
import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.SourceDiagnostic;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.secure.GXDLMSSecureServer2;
import java.util.function.LongSupplier;
import org.p2gate.cosem.ClientKind;
import org.p2gate.cosem.CosemDevice;

/**
 * The Gurux secure server of one connection: one client kind, its {@link AssociationView}, and the
 * callbacks that route requests to the {@link CosemDevice}. Used by its connection's thread only; its
 * calls into the device's read, write and action hold the service lock (the device objects are shared).
 *
 * <p>Gurux facts this class relies on (4.0.47): objects not in {@code getItems()} are looked up
 * through {@link #onFindObject}; every GET, SET and ACTION asks {@link #onGetAttributeAccess} /
 * {@link #onGetMethodAccess} first and answers read-write-denied on no access, object-undefined when
 * the object is not found. The device objects are therefore kept out of {@code getItems()} (so
 * {@code initialize()} starts no capture thread on them and their parent is not changed) and served
 * through {@link #onFindObject} from this client's object list only. The Data object 0-0:43.1.0.255
 * is kept out of {@code getItems()} too: Gurux would bind it as its own invocation-counter check,
 * which accepts an equal counter and stores the counter of an APDU before authenticating it.
 */
final class SessionServer extends GXDLMSSecureServer2 {

    /** The largest APDU the server receives and sends (xDLMS max-receive-pdu-size). */
    static final int MAX_PDU = 1024;

    private final AssociationView view;
    private final CosemDevice device;
    private final int serverAddress;
    private final LongSupplier nextAcceptableCounter;
    private final java.util.concurrent.locks.Lock serviceLock;

    SessionServer(AssociationView view, CosemDevice device, int serverAddress, LongSupplier nextAcceptableCounter,
            java.util.concurrent.locks.Lock serviceLock) {
        super(view.association(), InterfaceType.WRAPPER);
        this.view = view;
        this.device = device;
        this.serviceLock = serviceLock;
        this.serverAddress = serverAddress;
        this.nextAcceptableCounter = nextAcceptableCounter;
        view.securitySetup().ifPresent(getItems()::add);
        setMaxReceivePDUSize(MAX_PDU);
        initialize();
    }

    AssociationView view() {
        return view;
    }

    /** CosemDevice: one call at a time over all connections (its objects are shared, see its javadoc). */
    private void serialised(Runnable call) {
        serialised(() -> {
            call.run();
            return null;
        });
    }

    <T> T serialised(java.util.function.Supplier<T> call) {
        serviceLock.lock();
        try {
            return call.get();
        } finally {
            serviceLock.unlock();
        }
    }

    @Override
    protected boolean isTarget(int serverSap, int clientSap) {
        if (serverSap != serverAddress || clientSap != view.kind().sap()) {
            return false;
        }
        setAssignedAssociation(view.association());
        return true;
    }

    @Override
    protected SourceDiagnostic onValidateAuthentication(Authentication authentication, byte[] password) {
        Authentication expected = view.kind() == ClientKind.MANAGEMENT ? Authentication.HIGH_GMAC : Authentication.NONE;
        // Green Book 9.3.2: the mechanism is fixed per client; GMAC itself is verified in HLS pass 3
        return authentication == expected ? SourceDiagnostic.NONE : SourceDiagnostic.NOT_RECOGNISED;
    }

    @Override
    protected GXDLMSObject onFindObject(ObjectType type, int sn, String ln) {
        return view.find(type, ln).orElse(null);
    }

    @Override
    protected AccessMode onGetAttributeAccess(ValueEventArgs e) {
        return serialised(() -> view.attributeAccess(e.getTarget(), e.getIndex()));
    }

    @Override
    protected MethodAccessMode onGetMethodAccess(ValueEventArgs e) {
        return serialised(() -> view.methodAccess(e.getTarget(), e.getIndex()));
    }

    @Override
    public void onPreGet(ValueEventArgs[] args) {
        for (ValueEventArgs e : args) {
            if (e.getTarget() == view.invocationCounter() && e.getIndex() == 2) {
                view.invocationCounter().setValue(nextAcceptableCounter.getAsLong());
            } else if (view.isDeviceObject(e.getTarget())) {
                serialised(() -> device.read(e));
            }
        }
    }

    @Override
    public void onPostGet(ValueEventArgs[] args) {
        // nothing after encoding
    }

    @Override
    public void onPreRead(ValueEventArgs[] args) {
        onPreGet(args); // short-name reads: not offered (LN referencing), kept consistent anyway
    }

    @Override
    public void onPostRead(ValueEventArgs[] args) {
        // nothing after encoding
    }

    @Override
    protected void onPreWrite(ValueEventArgs[] args) {
        for (ValueEventArgs e : args) {
            if (view.isDeviceObject(e.getTarget())) {
                serialised(() -> device.write(e));
            }
        }
    }

    @Override
    protected void onPostWrite(ValueEventArgs[] args) {
        // the device applied the write in onPreWrite
    }

    @Override
    protected void onPreAction(ValueEventArgs[] args) {
        for (ValueEventArgs e : args) {
            if (view.isDeviceObject(e.getTarget())) {
                serialised(() -> device.action(e));
            }
            // the association's reply_to_HLS_authentication is Gurux's own
        }
    }

    @Override
    protected void onPostAction(ValueEventArgs[] args) {
        // the device acted in onPreAction
    }

    @Override
    protected void onConnected(GXDLMSConnectionEventArgs connection) {
        // counted by the connection when the association status becomes associated
    }

    @Override
    protected void onInvalidConnection(GXDLMSConnectionEventArgs connection) {
        // refusals are logged and counted by the connection
    }

    @Override
    protected void onDisconnected(GXDLMSConnectionEventArgs connection) {
        // the connection logs the release
    }
}
