package org.p2gate.p3.server;

import java.util.Optional;

/**
 * The object, attribute or method a plaintext normal GET, SET or ACTION request names (Green Book
 * 9.5: tag, choice 1 = normal, invoke-id-and-priority, class id, logical name, index). With-list
 * and next-block requests are not pre-read here; Gurux enforces their access through the same
 * callbacks.
 */
record RequestTarget(int service, int classId, String logicalName, int index) {

    static Optional<RequestTarget> of(byte[] plain) {
        if (plain.length < 12 || plain[1] != 1) {
            return Optional.empty();
        }
        int service = plain[0] & 0xFF;
        if (service != ApduKind.GET_REQUEST && service != ApduKind.SET_REQUEST && service != ApduKind.ACTION_REQUEST) {
            return Optional.empty();
        }
        int classId = (plain[3] & 0xFF) << 8 | plain[4] & 0xFF;
        String ln = (plain[5] & 0xFF) + "." + (plain[6] & 0xFF) + "." + (plain[7] & 0xFF) + "." + (plain[8] & 0xFF) + "."
                + (plain[9] & 0xFF) + "." + (plain[10] & 0xFF);
        return Optional.of(new RequestTarget(service, classId, ln, plain[11] & 0xFF));
    }

    String describe() {
        String what = service == ApduKind.ACTION_REQUEST ? "method" : "attribute";
        String verb = switch (service) {
            case ApduKind.GET_REQUEST -> "GET";
            case ApduKind.SET_REQUEST -> "SET";
            default -> "ACTION";
        };
        return verb + " class " + classId + " " + logicalName + " " + what + " " + index;
    }
}
