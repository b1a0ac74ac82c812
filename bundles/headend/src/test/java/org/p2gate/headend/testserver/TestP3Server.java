package org.p2gate.headend.testserver;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXDLMSConnectionEventArgs;
import gurux.dlms.GXUInt32;
import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.Security;
import gurux.dlms.enums.SourceDiagnostic;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.GXDLMSMBusClient;
import gurux.dlms.objects.GXDLMSMBusMasterPortSetup;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSSecuritySetup;
import gurux.dlms.objects.enums.ApplicationContextName;
import gurux.dlms.objects.enums.SecurityPolicy;
import gurux.dlms.objects.enums.SecuritySuite;
import gurux.dlms.secure.GXDLMSSecureServer2;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated other side of the wire for the head-end tests: a Gurux secure server
 * ({@link GXDLMSSecureServer2}) on the DLMS wrapper over real TCP, one connection at a time, with
 * a public association (SAP 16, no security) and a management association (SAP 1, HLS 5 GMAC,
 * authenticated encryption, suite 0). It serves the M-Bus object model of the brief for the
 * channels of its {@link DeviceModel}, encodes every answer itself ({@link Axdr}), records every
 * request it handled, and refuses invocation counters that are not above the last accepted one.
 */
public final class TestP3Server extends GXDLMSSecureServer2 implements AutoCloseable {

    public static final byte[] SERVER_SYSTEM_TITLE = {0x50, 0x32, 0x47, 0x00, 0x00, 0x00, 0x00, 0x01};

    /** One request the server handled, as the tests look at it. */
    public record Request(String service, String logicalName, int index, Object value, int selector,
            Object parameters) {
    }

    private final DeviceModel model;
    private final GXDLMSData invocationCounter = new GXDLMSData("0.0.43.1.0.255");
    private final ServerSocket listener;
    private final Thread thread;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ErrorCode> actionResults = new ConcurrentHashMap<>();
    private volatile long nextInvocationCounter;
    private volatile int associations;

    public TestP3Server(DeviceModel model, byte[] authenticationKey, byte[] blockCipherKey, long firstInvocationCounter)
            throws IOException {
        super(publicAssociation(), InterfaceType.WRAPPER);
        this.model = model;
        this.nextInvocationCounter = firstInvocationCounter;
        setMaxReceivePDUSize(1024);
        getCiphering().setSystemTitle(SERVER_SYSTEM_TITLE);
        getCiphering().setAuthenticationKey(authenticationKey);
        getCiphering().setBlockCipherKey(blockCipherKey);

        GXDLMSSecuritySetup security = new GXDLMSSecuritySetup("0.0.43.0.0.255");
        security.setSecuritySuite(SecuritySuite.SUITE_0);
        security.setSecurityPolicy(EnumSet.of(SecurityPolicy.AUTHENTICATED_REQUEST, SecurityPolicy.ENCRYPTED_REQUEST,
                SecurityPolicy.AUTHENTICATED_RESPONSE, SecurityPolicy.ENCRYPTED_RESPONSE));
        security.setServerSystemTitle(SERVER_SYSTEM_TITLE);
        security.setGak(authenticationKey);
        security.setGuek(blockCipherKey);
        GXDLMSAssociationLogicalName management = new GXDLMSAssociationLogicalName("0.0.40.0.2.255");
        management.setClientSAP(1);
        management.getAuthenticationMechanismName().setMechanismId(Authentication.HIGH_GMAC);
        management.getApplicationContextName().setContextId(ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING);
        management.setSecuritySetupReference(security.getLogicalName());
        management.getXDLMSContextInfo().setMaxReceivePduSize(1024);
        management.getXDLMSContextInfo().setMaxSendPduSize(1024);
        management.getXDLMSContextInfo().getConformance().addAll(GXDLMSClient.getInitialConformance(true));
        management.getXDLMSContextInfo().getConformance().addAll(EnumSet.of(Conformance.SET, Conformance.ACTION,
                Conformance.SELECTIVE_ACCESS, Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ));

        invocationCounter.setDataType(2, DataType.UINT32);
        invocationCounter.setValue(new GXUInt32(firstInvocationCounter));
        getItems().add(management);
        getItems().add(security);
        getItems().add(invocationCounter);
        getItems().add(new GXDLMSClock("0.0.1.0.0.255"));
        getItems().add(new GXDLMSMBusMasterPortSetup("0.0.24.6.0.255"));
        getItems().add(new GXDLMSProfileGeneric("0.0.99.98.3.255"));
        getItems().add(new GXDLMSData("0.0.96.11.3.255"));
        for (int channel : model.channels()) {
            getItems().add(new GXDLMSMBusClient("0." + channel + ".24.1.0.255"));
            getItems().add(new GXDLMSExtendedRegister("0." + channel + ".24.2.1.255"));
            getItems().add(new GXDLMSProfileGeneric("0." + channel + ".24.3.0.255"));
            getItems().add(new GXDLMSData("0." + channel + ".96.1.0.255"));
        }
        // BUILD-NOTES: initialize() starts a capture thread per profile with a capture period; these have none
        initialize();
        listener = new ServerSocket(0);
        thread = new Thread(this::serve, "test-p3-server");
        thread.setDaemon(true);
        thread.start();
    }

    private static GXDLMSAssociationLogicalName publicAssociation() {
        GXDLMSAssociationLogicalName association = new GXDLMSAssociationLogicalName("0.0.40.0.1.255");
        association.setClientSAP(16);
        association.getXDLMSContextInfo().setMaxReceivePduSize(1024);
        association.getXDLMSContextInfo().setMaxSendPduSize(1024);
        association.getXDLMSContextInfo().getConformance().clear();
        association.getXDLMSContextInfo().getConformance().addAll(EnumSet.of(Conformance.GET,
                Conformance.SELECTIVE_ACCESS, Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ));
        return association;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every request handled so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The result of method {@code method} of {@code logicalName} from now on (default success). */
    public void answerAction(String logicalName, int method, ErrorCode result) {
        actionResults.put(logicalName + "/" + method, result);
    }

    /** The lowest invocation counter the server accepts next. */
    public long nextInvocationCounter() {
        return nextInvocationCounter;
    }

    /** How many associations were accepted. */
    public int associations() {
        return associations;
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                reset();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                while (true) {
                    byte[] header = new byte[8];
                    in.readFully(header);
                    byte[] frame = new byte[8 + ((header[6] & 0xFF) << 8 | (header[7] & 0xFF))];
                    System.arraycopy(header, 0, frame, 0, 8);
                    in.readFully(frame, 8, frame.length - 8);
                    byte[] reply = handleRequest(frame);
                    enforceStrictlyIncreasingInvocationCounter();
                    if (reply != null && reply.length > 0) {
                        out.write(reply);
                        out.flush();
                    }
                }
            } catch (EOFException e) {
                // the client closed the connection
            } catch (Exception e) {
                if (!listener.isClosed()) {
                    e.printStackTrace();
                }
            }
        }
    }

    /**
     * Gurux accepts an invocation counter equal to the stored one and then stores it (BUILD-NOTES:
     * replays pass). Storing "last accepted + 1" makes its check "received >= next" strict.
     */
    private void enforceStrictlyIncreasingInvocationCounter() {
        Object stored = invocationCounter.getValue();
        if (!(stored instanceof GXUInt32)) {
            // Gurux accepted a counter and stored it (as a Long): the next must be above it
            nextInvocationCounter = ((Number) stored).longValue() + 1;
        }
        invocationCounter.setValue(new GXUInt32(nextInvocationCounter));
    }

    @Override
    protected boolean isTarget(int serverAddress, int clientAddress) {
        if (serverAddress != 1) {
            return false;
        }
        for (GXDLMSObject it : getItems().getObjects(ObjectType.ASSOCIATION_LOGICAL_NAME)) {
            GXDLMSAssociationLogicalName association = (GXDLMSAssociationLogicalName) it;
            if (association.getClientSAP() == clientAddress) {
                setAssignedAssociation(association);
                getCiphering().setSecurity(clientAddress == 16 ? Security.NONE : Security.AUTHENTICATION_ENCRYPTION);
                return true;
            }
        }
        return false;
    }

    @Override
    protected SourceDiagnostic onValidateAuthentication(Authentication authentication, byte[] password) {
        // HLS 5: Gurux checks f(StoC) in pass 3 with the keys
        return SourceDiagnostic.NONE;
    }

    @Override
    protected GXDLMSObject onFindObject(ObjectType type, int sn, String ln) {
        // Gurux does not map the current association 0-0:40.0.0.255 itself: reply_to_HLS_authentication
        // would be answered object-undefined
        if (type == ObjectType.ASSOCIATION_LOGICAL_NAME && "0.0.40.0.0.255".equals(ln)) {
            return getAssignedAssociation();
        }
        return null;
    }

    private boolean management(ValueEventArgs e) {
        return e.getSettings().getAuthentication() == Authentication.HIGH_GMAC;
    }

    @Override
    protected AccessMode onGetAttributeAccess(ValueEventArgs e) {
        if (management(e)) {
            return AccessMode.READ_WRITE;
        }
        return AccessMode.READ;
    }

    @Override
    protected MethodAccessMode onGetMethodAccess(ValueEventArgs e) {
        if (e.getTarget() instanceof GXDLMSAssociationLogicalName) {
            return MethodAccessMode.ACCESS; // reply_to_HLS_authentication
        }
        return management(e) ? MethodAccessMode.ACCESS : MethodAccessMode.NO_ACCESS;
    }

    @Override
    public void onPreRead(ValueEventArgs[] args) {
        for (ValueEventArgs e : args) {
            GXDLMSObject target = e.getTarget();
            if (target instanceof GXDLMSAssociationLogicalName || target instanceof GXDLMSSecuritySetup) {
                continue;
            }
            requests.add(new Request("GET", target.getLogicalName(), e.getIndex(), null, e.getSelector(),
                    e.getParameters()));
            byte[] encoded = target == invocationCounter && e.getIndex() == 2
                    ? Axdr.of().doubleLongUnsigned(nextInvocationCounter).bytes()
                    : model.encode(target.getLogicalName(), e.getIndex(), e.getSelector(), e.getParameters());
            if (encoded == null) {
                e.setError(ErrorCode.READ_WRITE_DENIED);
            } else {
                e.setValue(encoded);
                e.setByteArray(true);
            }
            e.setHandled(true);
        }
    }

    @Override
    public void onPostRead(ValueEventArgs[] args) {
        // answered in onPreRead
    }

    @Override
    protected void onPreWrite(ValueEventArgs[] args) {
        for (ValueEventArgs e : args) {
            requests.add(new Request("SET", e.getTarget().getLogicalName(), e.getIndex(), e.getValue(), 0, null));
            e.setHandled(true);
        }
    }

    @Override
    protected void onPostWrite(ValueEventArgs[] args) {
        // nothing
    }

    @Override
    protected void onPreAction(ValueEventArgs[] args) {
        for (ValueEventArgs e : args) {
            if (e.getTarget() instanceof GXDLMSAssociationLogicalName) {
                continue; // reply_to_HLS_authentication: Gurux checks it
            }
            requests.add(new Request("ACTION", e.getTarget().getLogicalName(), e.getIndex(), e.getParameters(), 0,
                    null));
            // BUILD-NOTES: GXDLMSMBusClient has no server-side methods: every class-72 method is handled here
            ErrorCode result = actionResults.getOrDefault(e.getTarget().getLogicalName() + "/" + e.getIndex(),
                    ErrorCode.OK);
            if (result != ErrorCode.OK) {
                e.setError(result);
            }
            e.setHandled(true);
        }
    }

    @Override
    protected void onPostAction(ValueEventArgs[] args) {
        // nothing
    }

    @Override
    public void onPreGet(ValueEventArgs[] args) {
        // nothing
    }

    @Override
    public void onPostGet(ValueEventArgs[] args) {
        // nothing
    }

    @Override
    protected void onConnected(GXDLMSConnectionEventArgs connection) {
        associations++;
    }

    @Override
    protected void onInvalidConnection(GXDLMSConnectionEventArgs connection) {
        // the client sees the refusal
    }

    @Override
    protected void onDisconnected(GXDLMSConnectionEventArgs connection) {
        // nothing
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
