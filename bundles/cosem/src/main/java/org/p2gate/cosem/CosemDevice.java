package org.p2gate.cosem;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSObject;
import java.util.List;

/**
 * The COSEM logical device of the M-Bus master (DSMR P3; DESIGN.md "cosem translates"): its
 * objects as Gurux object classes, which client may do what with them, and what reading, writing
 * and invoking them does. The P3 server ({@code org.p2gate.p3}) owns the transport, associations,
 * security setup and the enforcement of access; it calls this device only for requests it has
 * admitted, and one at a time (the server serialises its calls, so the objects need no locks).
 *
 * <p>Attribute values are brought up to date from the master in {@link #read} just before they
 * are encoded: nothing here runs on a Gurux timer.
 */
public interface CosemDevice {

    /** Every object of the logical device, except the associations and the security setup (the server adds those). */
    List<GXDLMSObject> objects();

    /** What a client of {@code kind} may do with attribute {@code index} (1-based) of {@code object}. */
    AccessMode attributeAccess(ClientKind kind, GXDLMSObject object, int index);

    /** Whether a client of {@code kind} may invoke method {@code index} (1-based) of {@code object}. */
    MethodAccessMode methodAccess(ClientKind kind, GXDLMSObject object, int index);

    /**
     * Before attribute {@code e.getIndex()} of {@code e.getTarget()} is encoded: refresh it from the
     * master. For a selective read of a profile's buffer ({@code e.getSelector()} 1 by range, 2 by
     * entry) the device answers the selection itself ({@code e.setValue}, {@code e.setHandled(true)}).
     * A failure is reported with {@code e.setError(ErrorCode)}.
     */
    void read(ValueEventArgs e);

    /**
     * A write of attribute {@code e.getIndex()} with value {@code e.getValue()}: applied to the
     * master (e.g. binding a device, P2 §8.3.1.1) and marked handled, or refused with
     * {@code e.setError(ErrorCode)} (type unmatched, read-write denied, temporary failure, ...).
     */
    void write(ValueEventArgs e);

    /**
     * An invocation of method {@code e.getIndex()} with parameters {@code e.getParameters()}: handed
     * to the master and marked handled, with the DLMS result in {@code e.setError(ErrorCode)} when it
     * is not success. Long operations return at once (their progress shows in attributes).
     */
    void action(ValueEventArgs e);
}
