package org.p2gate.p3.server;

import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSSecuritySetup;
import gurux.dlms.objects.enums.ApplicationContextName;
import gurux.dlms.objects.enums.AssociationStatus;
import gurux.dlms.objects.enums.SecurityPolicy;
import gurux.dlms.objects.enums.SecuritySuite;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.p2gate.cosem.ClientKind;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.p3.SystemTitle;

/**
 * What one client kind sees of the logical device: its current association (class 15,
 * {@value #CURRENT_ASSOCIATION}, whose object_list is this view), the security setup
 * ({@value #SECURITY_SETUP}, management only), the invocation counter Data object
 * ({@value #INVOCATION_COUNTER}) and the device objects the client may use at all. Access to every
 * attribute and method is decided here, for Gurux's callbacks and the object_list alike.
 *
 * <p>OBIS choice: each connection has one association object, 0-0:40.0.0.255 — Green Book 4.4.3:
 * "current association", the one a client addresses to see its own object list and to finish HLS.
 * A connection serves one client, so the per-client instances 0-0:40.0.1.255 / 0-0:40.0.2.255 would
 * only duplicate it; a client reading 0-0:40.0.0.255 gets exactly its own rights.
 *
 * <p>Built and used under the service lock: its access questions go to the {@link CosemDevice}.
 */
final class AssociationView {

    static final String CURRENT_ASSOCIATION = "0.0.40.0.0.255";
    static final String SECURITY_SETUP = "0.0.43.0.0.255";
    /** DSMR 5 P3: the invocation counter the management client's next APDU must exceed. */
    static final String INVOCATION_COUNTER = "0.0.43.1.0.255";
    /** Green Book 4.4.3: association method 1, reply_to_HLS_authentication. */
    static final int REPLY_TO_HLS = 1;

    private final ClientKind kind;
    private final CosemDevice device;
    private final GXDLMSAssociationLogicalName association;
    private final Optional<GXDLMSSecuritySetup> securitySetup;
    private final GXDLMSData invocationCounter;
    private final Set<GXDLMSObject> deviceObjects;

    private AssociationView(ClientKind kind, CosemDevice device, GXDLMSAssociationLogicalName association,
            Optional<GXDLMSSecuritySetup> securitySetup, GXDLMSData invocationCounter, Set<GXDLMSObject> deviceObjects) {
        this.kind = kind;
        this.device = device;
        this.association = association;
        this.securitySetup = securitySetup;
        this.invocationCounter = invocationCounter;
        this.deviceObjects = deviceObjects;
    }

    /** The view of {@code kind}; the management view carries the suite 0 keys inside its security setup (for Gurux). */
    static AssociationView of(ClientKind kind, CosemDevice device, int serverAddress, SystemTitle serverTitle,
            AesKey blockCipherKey, AesKey authenticationKey) {
        GXDLMSAssociationLogicalName association = new GXDLMSAssociationLogicalName(CURRENT_ASSOCIATION);
        association.setClientSAP(kind.sap());
        association.setServerSAP((short) serverAddress);
        association.getXDLMSContextInfo().setConformance(EnumSet.of(Conformance.GET, Conformance.SET,
                Conformance.ACTION, Conformance.SELECTIVE_ACCESS, Conformance.BLOCK_TRANSFER_WITH_GET_OR_READ,
                Conformance.BLOCK_TRANSFER_WITH_SET_OR_WRITE, Conformance.BLOCK_TRANSFER_WITH_ACTION,
                Conformance.MULTIPLE_REFERENCES));
        Optional<GXDLMSSecuritySetup> securitySetup = Optional.empty();
        if (kind == ClientKind.MANAGEMENT) {
            // DSMR P3: management = HLS 5 (GMAC), context LN with ciphering, suite 0
            association.getAuthenticationMechanismName().setMechanismId(Authentication.HIGH_GMAC);
            association.getApplicationContextName().setContextId(ApplicationContextName.LOGICAL_NAME_WITH_CIPHERING);
            GXDLMSSecuritySetup setup = new GXDLMSSecuritySetup(SECURITY_SETUP);
            setup.setSecuritySuite(SecuritySuite.SUITE_0);
            // Green Book 4.4.7 (version 1): every request and response authenticated and encrypted
            setup.setSecurityPolicy(EnumSet.of(SecurityPolicy.AUTHENTICATED_REQUEST, SecurityPolicy.ENCRYPTED_REQUEST,
                    SecurityPolicy.AUTHENTICATED_RESPONSE, SecurityPolicy.ENCRYPTED_RESPONSE));
            setup.setServerSystemTitle(serverTitle.bytes());
            setup.setGuek(blockCipherKey.exportBytes());
            setup.setGak(authenticationKey.exportBytes());
            association.setSecuritySetupReference(SECURITY_SETUP);
            securitySetup = Optional.of(setup);
        } else {
            association.getAuthenticationMechanismName().setMechanismId(Authentication.NONE);
            association.getApplicationContextName().setContextId(ApplicationContextName.LOGICAL_NAME);
        }
        GXDLMSData counter = new GXDLMSData(INVOCATION_COUNTER);
        counter.setDataType(2, DataType.UINT32);
        counter.setValue(0L);

        Set<GXDLMSObject> visible = Collections.newSetFromMap(new IdentityHashMap<>());
        for (GXDLMSObject object : device.objects()) {
            if (usable(kind, device, object)) {
                visible.add(object);
            }
        }
        // Gurux 4.0.47 lists the current association itself when it encodes object_list
        List<GXDLMSObject> list = association.getObjectList();
        securitySetup.ifPresent(list::add);
        list.add(counter);
        for (GXDLMSObject object : device.objects()) {
            if (visible.contains(object)) {
                list.add(object);
            }
        }
        return new AssociationView(kind, device, association, securitySetup, counter, visible);
    }

    private static boolean usable(ClientKind kind, CosemDevice device, GXDLMSObject object) {
        for (int index = 1; index <= object.getAttributeCount(); index++) {
            if (device.attributeAccess(kind, object, index) != AccessMode.NO_ACCESS) {
                return true;
            }
        }
        for (int index = 1; index <= object.getMethodCount(); index++) {
            if (device.methodAccess(kind, object, index) != MethodAccessMode.NO_ACCESS) {
                return true;
            }
        }
        return false;
    }

    ClientKind kind() {
        return kind;
    }

    GXDLMSAssociationLogicalName association() {
        return association;
    }

    Optional<GXDLMSSecuritySetup> securitySetup() {
        return securitySetup;
    }

    GXDLMSData invocationCounter() {
        return invocationCounter;
    }

    boolean isDeviceObject(GXDLMSObject object) {
        return deviceObjects.contains(object);
    }

    /** Whether the association is established (for the management client: HLS pass 4 verified). */
    boolean associated() {
        return association.getAssociationStatus() == AssociationStatus.ASSOCIATED;
    }

    /** The object of this view with that class and logical name (Gurux "a.b.c.d.e.f" form). */
    Optional<GXDLMSObject> find(ObjectType type, String logicalName) {
        if (type == ObjectType.ASSOCIATION_LOGICAL_NAME && logicalName.equals(CURRENT_ASSOCIATION)) {
            return Optional.of(association);
        }
        for (GXDLMSObject object : association.getObjectList()) {
            if (object.getObjectType() == type && object.getLogicalName().equals(logicalName)) {
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }

    /** The access of this client to attribute {@code index} of {@code object}; none before the association is established. */
    AccessMode attributeAccess(GXDLMSObject object, int index) {
        if (index < 1 || index > object.getAttributeCount() || !associated()) {
            return AccessMode.NO_ACCESS;
        }
        if (object == association || object == invocationCounter || securitySetup.filter(s -> s == object).isPresent()) {
            return AccessMode.READ;
        }
        return deviceObjects.contains(object) ? device.attributeAccess(kind, object, index) : AccessMode.NO_ACCESS;
    }

    /** Whether this client may invoke method {@code index} of {@code object}. */
    MethodAccessMode methodAccess(GXDLMSObject object, int index) {
        if (index < 1 || index > object.getMethodCount()) {
            return MethodAccessMode.NO_ACCESS;
        }
        if (object == association) {
            // Green Book 9.2.7.4 HLS pass 3: the client proves itself before the association is established
            return kind == ClientKind.MANAGEMENT && index == REPLY_TO_HLS ? MethodAccessMode.ACCESS
                    : MethodAccessMode.NO_ACCESS;
        }
        if (!associated() || !deviceObjects.contains(object)) {
            return MethodAccessMode.NO_ACCESS;
        }
        return device.methodAccess(kind, object, index);
    }
}
