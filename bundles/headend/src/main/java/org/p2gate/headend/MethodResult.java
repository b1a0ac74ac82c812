package org.p2gate.headend;

/** The answer to an ACTION on a class 72 method: which method and the DLMS action-result. */
public record MethodResult(String logicalName, int method, String methodName, DlmsResult result) {

    /** Whether the device accepted the invocation. */
    public boolean success() {
        return result.success();
    }
}
