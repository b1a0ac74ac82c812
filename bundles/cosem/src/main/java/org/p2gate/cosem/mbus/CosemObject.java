package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSObject;
import org.p2gate.cosem.ClientKind;

/** One COSEM object of the logical device: its Gurux object, its access rights, and what reading, writing and invoking it does. */
interface CosemObject {

    GXDLMSObject object();

    AccessMode access(ClientKind kind, int index);

    /** No methods unless the object says otherwise. */
    default MethodAccessMode methodAccess(ClientKind kind, int index) {
        return MethodAccessMode.NO_ACCESS;
    }

    /** Brings attribute {@code e.getIndex()} up to date (or answers it itself). */
    void read(ValueEventArgs e);

    /** Read-only unless the object says otherwise. */
    default void write(ValueEventArgs e) {
        e.setError(ErrorCode.READ_WRITE_DENIED);
        e.setHandled(true);
    }

    /** No methods unless the object says otherwise. */
    default void action(ValueEventArgs e) {
        e.setError(ErrorCode.READ_WRITE_DENIED);
        e.setHandled(true);
    }

    /** Read for {@code kind} if {@code readable}, else no access (management reads everything it is given). */
    static AccessMode readOnly(boolean readable) {
        return readable ? AccessMode.READ : AccessMode.NO_ACCESS;
    }
}
